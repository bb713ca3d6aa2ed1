// 填报: checks the form as the author types. The whole form (with its anti-forgery token) is posted to
// the page's Check handler; the findings come back in Chinese with the cells they are about, which
// are marked in the tables. No inline script: the page's Content-Security-Policy allows files only.
(function () {
    'use strict';
    var form = document.getElementById('author-form');
    if (!form) return;
    var list = document.getElementById('form-findings');
    var status = document.getElementById('check-status');
    var timer = null;
    var sequence = 0;

    // The cell of a path in the tables that are posted (the format of the form's year, and the fee table).
    function cellOf(path) {
        var cells = form.querySelectorAll('td.value[data-path="' + CSS.escape(path) + '"]');
        for (var i = 0; i < cells.length; i++) {
            var input = cells[i].querySelector('input');
            if (input && !input.disabled) return cells[i];
        }
        return null;
    }

    // Which national format a year is in: the page lists each format's years from the template
    // definition (data-first-year, data-last-year); the current format (no last year) takes any other year.
    var formats = Array.prototype.slice.call(form.querySelectorAll('.template-tables'));
    var yearInput = document.getElementById('year');
    var documentName = document.getElementById('template-document');

    function formatFor(yearText) {
        var year = parseInt(yearText, 10);
        var current = null;
        for (var i = 0; i < formats.length; i++) {
            var f = formats[i];
            var first = parseInt(f.dataset.firstYear, 10);
            var last = f.dataset.lastYear ? parseInt(f.dataset.lastYear, 10) : null;
            if (last === null) current = current || f;
            if (!isNaN(year) && year >= first && (last === null || year <= last)) return f;
        }
        return current || formats[0];
    }

    // Shows the format of the typed year: its inputs are posted, the others disabled (kept, not
    // cleared: going back to a year of the other format brings them back). Cells both formats share
    // take over what was typed in the format left.
    function switchFormat() {
        // The offer to start from last year's report is for the year the page was opened with.
        var previous = document.getElementById('start-from-previous');
        if (previous) previous.hidden = previous.dataset.forYear !== yearInput.value.trim();
        var next = formatFor(yearInput.value);
        var shown = formats.filter(function (f) { return !f.hidden; })[0];
        if (!next || next === shown) return;
        if (shown) {
            next.querySelectorAll('input.cell, select.unit').forEach(function (input) {
                var old = shown.querySelector('[name="' + CSS.escape(input.name) + '"]');
                if (old) input.value = old.value;
            });
            shown.hidden = true;
            shown.querySelectorAll('input.cell, select.unit').forEach(function (i) { i.disabled = true; });
        }
        next.hidden = false;
        next.querySelectorAll('input.cell, select.unit').forEach(function (i) { i.disabled = false; });
        form.dataset.template = next.dataset.template;
        if (documentName) documentName.textContent = next.dataset.document;
    }

    function clearMarks() {
        form.querySelectorAll('td.value.has-error, td.value.has-warning, td.value.has-info').forEach(function (td) {
            td.classList.remove('has-error', 'has-warning', 'has-info');
            td.removeAttribute('title');
        });
    }

    function show(result) {
        clearMarks();
        list.textContent = '';
        result.findings.forEach(function (f) {
            var li = document.createElement('li');
            li.className = f.severity;
            li.dataset.rule = f.rule;
            li.dataset.cells = f.cells.join(' ');
            var badge = document.createElement('span');
            badge.className = 'badge ' + f.severity;
            badge.textContent = f.rule;
            li.appendChild(badge);
            li.appendChild(document.createTextNode(' ' + f.message));
            if (f.cells.length > 0) {
                li.tabIndex = 0;
                li.title = '点击定位到单元格';
                li.addEventListener('click', function () {
                    var td = cellOf(f.cells[0]);
                    var input = td && td.querySelector('input');
                    if (input) input.focus();
                });
            }
            list.appendChild(li);
            f.cells.forEach(function (path) {
                var td = cellOf(path);
                if (!td) return;
                var mark = 'has-' + f.severity;
                // An error outranks a warning on the same cell.
                if (mark !== 'has-error' && td.classList.contains('has-error')) return;
                td.classList.remove('has-warning', 'has-info');
                td.classList.add(mark);
                td.title = (td.title ? td.title + '\n' : '') + f.message;
            });
        });
        status.dataset.errors = result.errors;
        status.dataset.warnings = result.warnings;
        status.textContent = result.errors === 0 && result.warnings === 0
            ? '未发现问题。'
            : '错误 ' + result.errors + ' 个，警告 ' + result.warnings + ' 个。';
        status.classList.toggle('bad', result.errors > 0);
    }

    function check() {
        var mine = ++sequence;
        status.textContent = '检查中…';
        fetch(form.dataset.check, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
            .then(function (response) {
                if (!response.ok) throw new Error(response.status === 400 ? '页面已过期，请刷新后再填。' : '检查失败（' + response.status + '）');
                return response.json();
            })
            .then(function (result) { if (mine === sequence) show(result); })
            .catch(function (error) { if (mine === sequence) status.textContent = error.message; });
    }

    function later() {
        clearTimeout(timer);
        timer = setTimeout(check, 350);
    }

    if (yearInput && formats.length > 0) {
        form.dataset.template = formatFor(yearInput.value).dataset.template;
        yearInput.addEventListener('input', switchFormat);
        yearInput.addEventListener('change', switchFormat);
    }
    form.addEventListener('input', later);
    form.addEventListener('change', later);
    // A form that already holds numbers (started from a report, or sent back after submitting) is checked at once.
    var filled = Array.prototype.some.call(form.querySelectorAll('input.cell'), function (i) { return i.value.trim() !== ''; });
    if (filled) check();
})();
