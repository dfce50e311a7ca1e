// 问题反弹 while typing: the item form is posted to its Similar handler (antiforgery token included) a moment after the user
// stops typing in 问题描述 or picks another unit, and the answer (earlier items of the unit the problem resembles) replaces
// the hint under the field. Without script the hint shows after saving, on the item's page.
document.addEventListener("DOMContentLoaded", () => {
    const hint = document.querySelector("[data-similar-handler]");
    const form = hint?.closest("form");
    if (!(hint instanceof HTMLElement) || !(form instanceof HTMLFormElement)) return;
    const problem = form.querySelector("textarea[name='Input.Problem']");
    const unit = form.querySelector("select[name='Input.UnitId']");
    let timer = 0;
    let asked = 0;
    const check = async () => {
        const mine = ++asked;
        const url = new URL(window.location.href);
        url.search = "?handler=" + encodeURIComponent(hint.dataset.similarHandler);
        try {
            const answer = await fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" });
            if (answer.ok && mine === asked) hint.innerHTML = await answer.text();
        } catch {
            // No hint this time; saving still works and the item's page shows it.
        }
    };
    const later = () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(check, 600);
    };
    problem?.addEventListener("input", later);
    unit?.addEventListener("change", later);
});
