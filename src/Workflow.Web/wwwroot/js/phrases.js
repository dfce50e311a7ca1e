// 常用语: the picker beside a decision comment inserts the chosen phrase at the end of the comment (after a line break when the
// comment already holds text), then gives the comment the focus. Without script the picker stays hidden and nothing is posted.
(function () {
    document.querySelectorAll('[data-phrase-picker]').forEach(function (picker) {
        var target = document.getElementById(picker.getAttribute('data-target'));
        var select = picker.querySelector('[data-phrase-select]');
        var insert = picker.querySelector('[data-phrase-insert]');
        if (!target || !select || !insert) return;
        picker.hidden = false;
        insert.addEventListener('click', function () {
            var phrase = select.value;
            if (!phrase) {
                select.focus();
                return;
            }
            var text = target.value;
            target.value = text.trim().length === 0 ? phrase : text.replace(/\s+$/, '') + '\n' + phrase;
            select.value = '';
            target.focus();
            target.setSelectionRange(target.value.length, target.value.length);
            target.dispatchEvent(new Event('input', { bubbles: true }));
        });
    });
})();
