// 逐条意见 on the report page: add and remove point fields of the return form, and send the verdicts marked beside the points
// (inputs of the approve form) with a return too.
(function () {
    'use strict';
    var fieldset = document.getElementById('point-fields');
    if (fieldset) {
        var renumber = function () {
            fieldset.querySelectorAll('[data-point-field]').forEach(function (field, i) {
                var label = field.querySelector('label');
                var input = field.querySelector('textarea');
                input.id = 'point-' + (i + 1);
                label.htmlFor = input.id;
                label.textContent = '第' + (i + 1) + '条';
            });
        };
        fieldset.addEventListener('click', function (e) {
            var target = e.target;
            if (target.matches('[data-point-add]')) {
                var fields = fieldset.querySelectorAll('[data-point-field]');
                var copy = fields[fields.length - 1].cloneNode(true);
                copy.querySelector('textarea').value = '';
                target.before(copy);
                renumber();
                copy.querySelector('textarea').focus();
            } else if (target.matches('[data-point-remove]')) {
                var all = fieldset.querySelectorAll('[data-point-field]');
                var field = target.closest('[data-point-field]');
                if (all.length > 1) field.remove(); else field.querySelector('textarea').value = '';
                renumber();
            }
        });
    }
    var returnForm = document.getElementById('return-form');
    if (returnForm) {
        returnForm.addEventListener('submit', function () {
            returnForm.querySelectorAll('input[data-verdict-copy]').forEach(function (old) { old.remove(); });
            document.querySelectorAll('input[data-verdict]:checked').forEach(function (radio) {
                var copy = document.createElement('input');
                copy.type = 'hidden';
                copy.name = radio.name;
                copy.value = radio.value;
                copy.setAttribute('data-verdict-copy', '');
                returnForm.appendChild(copy);
            });
        });
    }
})();
