// Small enhancements; every page works without them.

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
