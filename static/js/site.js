// Small enhancements; every page works without them.

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
