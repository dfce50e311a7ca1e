// The edit page: the numbered paragraph preview follows the textarea as one types, and a finding or a numbered paragraph,
// clicked, selects that paragraph in the textarea. Paragraphs are counted as the checks count them: the body's lines after
// its leading blank lines, blank lines included, the title being paragraph 0. Without script the links jump to the preview.
(() => {
    const body = document.getElementById("Input_Body");
    const title = document.getElementById("Input_Title");
    const preview = document.getElementById("para-preview");
    if (!(body instanceof HTMLTextAreaElement) || !preview) return;

    // On a phone the side panel starts folded, so the text comes first.
    const side = document.querySelector("details[data-collapse-narrow]");
    if (side instanceof HTMLDetailsElement && window.matchMedia("(max-width: 1000px)").matches) side.open = false;

    // Where each paragraph of the textarea's text starts and ends, numbered from 1 (the server's NormalizeBody).
    const paragraphs = () => {
        const value = body.value;
        const lead = value.match(/^[\r\n]*/)[0].length;
        const text = value.slice(lead).replace(/\s+$/u, "");
        const spans = [];
        let at = lead;
        for (const line of text.split("\n")) {
            const clean = line.replace(/\r$/, "");
            spans.push({ start: at, end: at + clean.length, text: clean });
            at += line.length + 1;
        }
        return spans;
    };

    const render = () => {
        const items = paragraphs().map((p, i) => {
            const li = document.createElement("li");
            const n = i + 1;
            li.value = n;
            li.id = `e-p-${n}`;
            li.dataset.paragraph = String(n);
            const shown = p.text.trim();
            if (shown.length === 0) li.className = "blank";
            li.textContent = shown.length === 0 ? "（空段落）" : shown;
            return li;
        });
        preview.replaceChildren(...items);
    };

    let pending = 0;
    body.addEventListener("input", () => {
        window.clearTimeout(pending);
        pending = window.setTimeout(render, 150);
    });

    const select = (n) => {
        if (n === 0 && title instanceof HTMLInputElement) {
            title.focus();
            title.select();
            return;
        }
        const p = paragraphs()[n - 1];
        if (!p) return;
        body.scrollIntoView({ block: "nearest" });
        body.focus();
        body.setSelectionRange(p.start, p.end);
        // Bring the selection into the textarea's view: about where it sits in the text.
        const share = body.value.length === 0 ? 0 : p.start / body.value.length;
        body.scrollTop = Math.max(0, share * body.scrollHeight - body.clientHeight / 3);
        for (const li of preview.querySelectorAll("li.current")) li.classList.remove("current");
        document.getElementById(`e-p-${n}`)?.classList.add("current");
    };

    document.addEventListener("click", (event) => {
        const target = event.target instanceof Element ? event.target.closest("a.finding-link[data-paragraph], #para-preview li[data-paragraph]") : null;
        if (!(target instanceof HTMLElement)) return;
        const n = Number.parseInt(target.dataset.paragraph ?? "", 10);
        if (Number.isNaN(n)) return;
        event.preventDefault();
        select(n);
    });
})();
