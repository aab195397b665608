// Small enhancements; every page works without them.

// htmx posts carry the CSRF token from its cookie, so pages need not embed
// a token that changes with every response.
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb === "get") return;
  const token = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (token) event.detail.headers["X-CSRFToken"] = decodeURIComponent(token[1]);
});

// Copy buttons: <button data-copy="#selector" hidden> copies that element's text.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  await navigator.clipboard.writeText(source.textContent.trim().replace(/\s+/g, " "));
  button.dataset.label ??= button.textContent;
  button.textContent = button.dataset.copied || "✓";
  setTimeout(() => (button.textContent = button.dataset.label), 2000);
});

function revealCopyButtons() {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button[data-copy][hidden]")) {
    button.hidden = false;
  }
}
document.addEventListener("DOMContentLoaded", revealCopyButtons);
document.addEventListener("htmx:afterSettle", revealCopyButtons);

// Arrow keys move between a search box and its suggestions; Escape closes them.
document.addEventListener("keydown", (event) => {
  const form = event.target.closest("[data-suggest]");
  if (!form || !["ArrowDown", "ArrowUp", "Escape"].includes(event.key)) return;
  const input = form.querySelector("input[type=search]");
  const links = [...form.querySelectorAll(".suggestions a")];
  if (event.key === "Escape") {
    form.querySelector(".suggestions").replaceChildren();
    input.focus();
    return;
  }
  if (!links.length) return;
  event.preventDefault();
  const next = links.indexOf(document.activeElement) + (event.key === "ArrowDown" ? 1 : -1);
  (next < 0 ? input : links[Math.min(next, links.length - 1)]).focus();
});
