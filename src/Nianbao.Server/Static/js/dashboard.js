// 区域看板: draws the dashboard's charts with ECharts (vendored under /static/lib/echarts) from the
// JSON the page embeds. SVG renderer: the charts are part of the page's DOM (crisp when printed).
(function () {
    'use strict';
    var dataElement = document.getElementById('dashboard-data');
    if (!dataElement || typeof echarts === 'undefined') return;
    var board = JSON.parse(dataElement.textContent);
    var charts = [];
    var palette = ['#b3261e', '#1d4e89', '#1e7b34', '#d9a400', '#6b4fa0', '#0f8a8a', '#8a5a00', '#5b6770'];

    function chart(id, option) {
        var el = document.getElementById(id);
        if (!el) return null;
        var c = echarts.init(el, null, { renderer: 'svg' });
        option.color = palette;
        option.animation = false;
        c.setOption(option);
        charts.push(c);
        el.dataset.drawn = 'true';
        return c;
    }

    function notSummedNote(items) {
        return function (p) {
            var item = items[p.dataIndex];
            return p.name + '：' + p.value + (item && item.notSummed > 0 ? '（另有 ' + item.notSummed + ' 份未填或不确定，未计入）' : '');
        };
    }

    chart('chart-coverage', {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [{
            type: 'pie', radius: ['40%', '62%'], center: ['50%', '45%'],
            label: { formatter: '{c}' },
            data: [
                { name: '应报已报', value: board.receivedOfExpected },
                { name: '应报未报', value: board.missing.length },
                { name: '名单外报告', value: Math.max(0, board.received - board.receivedOfExpected) }
            ].filter(function (d) { return d.value > 0; })
        }]
    });

    chart('chart-outcomes', {
        tooltip: { trigger: 'item', formatter: notSummedNote(board.outcomes) },
        grid: { left: 110, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { hideOverlap: true } },
        yAxis: { type: 'category', inverse: true, data: board.outcomes.map(function (o) { return o.label; }) },
        series: [{ type: 'bar', data: board.outcomes.map(function (o) { return o.value; }), label: { show: true, position: 'right' } }]
    });

    chart('chart-applicants', {
        tooltip: { trigger: 'item', formatter: notSummedNote(board.applicants) },
        legend: { bottom: 0 },
        series: [{
            type: 'pie', radius: '58%', center: ['50%', '42%'],
            label: { formatter: '{c}' },
            data: board.applicants.map(function (a) { return { name: a.label, value: a.value }; })
        }]
    });

    chart('chart-trend', {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 50, right: 50, top: 24, bottom: 80 },
        xAxis: { type: 'category', axisLabel: { interval: 0 }, data: board.trend.map(function (t) { return t.year + '年'; }) },
        yAxis: [{ type: 'value', name: '申请', minInterval: 1 }, { type: 'value', name: '报告', minInterval: 1 }],
        series: [
            { name: '本年新收申请', type: 'line', data: board.trend.map(function (t) { return t.applicationsReceived; }) },
            { name: '行政复议', type: 'line', data: board.trend.map(function (t) { return t.reviews; }) },
            { name: '行政诉讼', type: 'line', data: board.trend.map(function (t) { return t.lawsuits; }) },
            { name: '已收到报告', type: 'bar', yAxisIndex: 1, barWidth: 18, data: board.trend.map(function (t) { return t.reports; }) }
        ]
    });

    var rankingChart = chart('chart-ranking', { series: [] });
    var select = document.getElementById('ranking-metric');
    var note = document.getElementById('ranking-note');
    function showRanking() {
        var ranking = board.rankings.filter(function (r) { return r.metric === select.value; })[0];
        if (!ranking || !rankingChart) return;
        var rows = ranking.top;
        rankingChart.setOption({
            color: palette,
            animation: false,
            tooltip: { trigger: 'item' },
            grid: { left: 210, right: 50, top: 10, bottom: 30 },
            xAxis: { type: 'value', name: ranking.isRatio ? '%' : '', splitNumber: 3, axisLabel: { hideOverlap: true } },
            yAxis: {
                type: 'category', inverse: true,
                data: rows.map(function (r) { return r.rank + '. ' + (r.agency.length > 14 ? '…' + r.agency.slice(-14) : r.agency); })
            },
            series: [{
                type: 'bar',
                data: rows.map(function (r) { return ranking.isRatio ? r.percent : r.value; }),
                label: { show: true, position: 'right', formatter: ranking.isRatio ? '{c}%' : '{c}' }
            }]
        }, true);
        note.textContent = '共 ' + ranking.ranked + ' 个机关参与排名' + (ranking.notApplicable > 0 ? '，' + ranking.notApplicable + ' 个无法计算（如分母为 0 或未填）' : '') + '；显示前 ' + rows.length + ' 名。';
    }
    if (select) {
        select.addEventListener('change', showRanking);
        showRanking();
    }
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
