// Draws the route diagram of the report page (<pre class="mermaid">); a file of its own, as the CSP runs no inline script.
mermaid.initialize({
    startOnLoad: true,
    securityLevel: "strict",
    theme: "neutral",
    fontFamily: getComputedStyle(document.body).fontFamily,
});
