// Draws the route diagram of the report page (<pre class="mermaid">); a file of its own, as the CSP runs no inline script.
// The diagram sits in a closed <details> (查看流程图) and is drawn the first time it is opened; the source text stays hidden
// (site.css: pre.mermaid without data-processed) until mermaid has replaced it with the drawing.
mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme: "neutral",
    fontFamily: getComputedStyle(document.body).fontFamily,
});

(function () {
    var details = document.getElementById("route-diagram-details");
    var source = document.getElementById("route-diagram");
    if (!source) return;
    var drawn = false;
    function draw() {
        if (drawn) return;
        drawn = true;
        mermaid.run({ nodes: [source] }).then(function () {
            if (details) details.classList.add("drawn");
        }, function () {
            // Drawing failed: show the source rather than nothing.
            source.classList.add("failed");
            if (details) details.classList.add("drawn");
        });
    }
    if (!details || details.open) draw();
    if (details) details.addEventListener("toggle", function () { if (details.open) draw(); });
})();
