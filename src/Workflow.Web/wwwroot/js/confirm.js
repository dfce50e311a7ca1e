// Forms carrying data-confirm="question" ask before they submit; replaces onsubmit="return confirm(...)", which the CSP forbids.
document.addEventListener("submit", (event) => {
    const question = event.target instanceof HTMLFormElement ? event.target.dataset.confirm : undefined;
    if (question && !window.confirm(question)) event.preventDefault();
});
