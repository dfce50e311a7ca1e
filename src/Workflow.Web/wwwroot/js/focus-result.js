// The answer of an action that shows its result once (e.g. the one-time password) takes the focus, so keyboard and
// screen-reader users land on it instead of the top of a long list; replaces an inline script, which the CSP forbids.
document.addEventListener("DOMContentLoaded", () => {
    const result = document.querySelector("[data-focus-on-load]");
    if (result instanceof HTMLElement) result.focus();
});
