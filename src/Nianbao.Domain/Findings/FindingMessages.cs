using System.Globalization;
using System.Text.RegularExpressions;

namespace Nianbao.Domain.Findings;

/// <summary>The languages findings are told in. The rule ids are the same in both.</summary>
public enum MessageLanguage { Zh, En }

/// <summary>
/// The message catalog of findings: one entry per message (a rule id, or a rule id and a variant,
/// e.g. <c>S-1.order</c>), in Chinese and English, with named arguments (<c>{row}</c>, <c>{value}</c>).
/// A finding made here carries the entry's key (argument <c>msg</c>) and the values in
/// <see cref="Finding.Args"/> and its English text in <see cref="Finding.Message"/>, so a front end
/// says it in either language from the record alone. Values are language-neutral: numbers, dates,
/// and labels as the national format prints them (those are Chinese in both languages).
/// </summary>
public static partial class FindingMessages
{
    /// <summary>The argument that names the catalog entry.</summary>
    public const string KeyArg = "msg";

    private static readonly Dictionary<string, (string Zh, string En)> Catalog = new(StringComparer.Ordinal)
    {
        // ---- reading notes (R-*)
        ["R-0"] = ("不是政府信息公开工作年度报告：文件中既没有六个法定部分，也没有法定表格",
                   "not a government information-disclosure annual report: none of the six statutory sections and none of the statutory tables is in it"),
        ["R-1.ambiguous"] = ("{row}：数字“{digits}”有 {readings} 种读法，{count} 个单元格留空，不作猜测",
                             "row {row}: the digits \"{digits}\" can be read {readings} ways; {count} cells are left empty rather than guessed"),
        ["R-1.too-many-numbers"] = ("{row}：{cells} 个单元格却有 {numbers} 个数字（{digits}），一个也不报告",
                                    "row {row} has {numbers} numbers ({digits}) for {cells} cells; none is reported"),
        ["R-1.too-many-readings"] = ("{row}：数字“{digits}”的读法太多，无从选择",
                                     "row {row}: the digits \"{digits}\" allow too many readings to choose from"),
        ["R-1.scattered"] = ("{row}：数字（{digits}）分散在页面文字的几行中且按印刷顺序不能相加；窄栏中折行的数字可能被拆开，无法判断哪个数字属于哪个单元格，本行留空",
                             "row {row}: its numbers ({digits}) stand on several lines of page text and do not add up as printed; a number wrapped in a narrow column may have been split, so which number is which cell's cannot be told and the row is left empty"),
        ["R-1.contradicted"] = ("{row}：“{digits}”唯一符合本行合计的拆分与表格的列合计矛盾，印刷的表格不一致，本行留空",
                                "row {row}: the only split of \"{digits}\" that fits the row's total contradicts the table's column totals, so the printed table is inconsistent and the row is left empty"),
        ["R-1.unsplittable"] = ("{row}：数字“{digits}”无法拆成与本行合计一致的 {cells} 个单元格",
                                "row {row}: the digits \"{digits}\" cannot be split into {cells} cells that agree with the row's total"),
        ["R-2.lost"] = ("{row}：{cells} 个单元格只印了 {numbers} 个数字（{digits}），丢失的单元格无法分辨，{count} 个单元格留空，不作猜测",
                        "row {row} prints {numbers} numbers ({digits}) for {cells} cells: the lost cells cannot be told apart, so {count} cells are left empty rather than guessed"),
        ["R-2.unplaced"] = ("{row}：单元格本应分开，却只印了 {numbers} 个数字（{digits}）：有单元格丢失，数字无法确定地放入",
                            "row {row} prints {numbers} numbers ({digits}) where its cells were kept apart: cells were lost and the numbers cannot be placed with certainty"),
        ["R-3.row"] = ("表格中没有找到 {row} 这一行", "row {row} was not found in the table"),
        ["R-3.tables"] = ("文件中没有找到三张法定表格中的任何一张", "none of the three statutory tables was found in the document"),
        // R-4 and R-5: what a format reader noticed (DocumentNotice codes), told with the notice's values.
        ["R-5.needs-ocr"] = ("第 {page} 页没有文字层（扫描图像），需要 OCR 识别",
                             "page {page} has no text layer (scanned image); it needs OCR"),
        ["R-4.page-skipped"] = ("第 {page} 页有 {letters} 个字符（超过 {limit}），已跳过",
                                "page {page} has {letters} letters (more than {limit}); it was skipped"),
        ["R-4.unmapped-glyphs"] = ("第 {page} 页有 {count} 个字符在 PDF 中没有对应的 Unicode，读作 U+FFFD",
                                   "page {page} has {count} character(s) the PDF gives no Unicode for; they read as U+FFFD"),
        ["R-4.unreadable-page"] = ("第 {page} 页的内容无法解码（数据流已损坏），按空白页读取",
                                   "page {page} has content that could not be decoded (a damaged stream); it reads as empty"),
        ["R-4.undecodable-bytes"] = ("部分字节不是有效的 {encoding} 编码，已替换为 U+FFFD",
                                     "Some bytes are not valid {encoding} and were replaced by U+FFFD."),
        ["R-4.table-model-error"] = ("第 {table} 个表格：{slots} 个位置同时被两个单元格占用（rowspan/colspan 重叠），保留先出现的单元格",
                                     "Table {table}: {slots} slot(s) claimed by two cells (rowspan/colspan overlap); the first cell kept them."),
        ["R-7.row"] = ("{row} 一行按印作“{printed}”的标签识别（与“{wording}”相差一个字）",
                       "row {row} recognized from the label printed as \"{printed}\" (one character differs from \"{wording}\")"),
        ["R-7.section"] = ("第{section}部分按印作“{printed}”的标题识别（与“{wording}”相差一个字）",
                           "section {section} recognized from the heading printed as \"{printed}\" (one character differs from \"{wording}\")"),

        // ---- table arithmetic
        ["T3-1"] = ("{column}：一、本年新收 + 二、上年结转 = {left}，但（七）总计 + 四、结转下年度 = {right}",
                    "{column}: 一、本年新收 + 二、上年结转 = {left} but （七）总计 + 四、结转下年度 = {right}"),
        ["T3-2"] = ("（七）总计 {column} 为 {total}，但 {rows} 个办理结果行相加为 {sum}",
                    "（七）总计 {column} is {total} but the {rows} result rows add up to {sum}"),
        ["T3-3"] = ("{row}：总计为 {total}，但六类申请人相加为 {sum}", "{row}: 总计 is {total} but the six applicant columns add up to {sum}"),
        ["T4-1"] = ("{group}：总计为 {total}，但 {parts} = {sum}", "{group}: 总计 is {total} but {parts} = {sum}"),
        ["blanks-exceed"] = ("；有空白单元格的一侧已经大于另一侧，空白处填任何数字都无法相等",
                             "; the side with blank cells already exceeds the other, so no number in the blanks could make it add up"),
        ["T3-8.negative"] = ("{table} {cell} 为 {value}；件数不能为负数", "{table} {cell} is {value}; a count cannot be negative"),
        ["T3-8.fraction"] = ("{table} {cell} 为 {value}；件数必须是整数", "{table} {cell} is {value}; a count must be a whole number"),

        // ---- blank cells
        ["blank.row"] = ("{table} {row} 不完整：{fields} 为空（空白、“-”“/”或无法读取；不计为 0）",
                         "{table} row {row} is incomplete: {fields} is blank (blank, '-', '/' or unreadable; not counted as 0)"),
        ["blank.fee-table"] = ("信息处理费收取情况表不完整：{fields} 为空（空白、“-”“/”或无法读取；不计为 0）",
                               "the fee-collection table 信息处理费收取情况 is incomplete: {fields} blank (blank, '-', '/' or unreadable; not counted as 0)"),
        ["blank.row-some"] = ("{table} {row} 不完整：{fields} 为空（空白、“-”“/”或无法读取；不计为 0）",
                              "{table} row {row} is incomplete: {fields} are blank (blank, '-', '/' or unreadable; not counted as 0)"),
        ["blank.row-all"] = ("{table} {row} 不完整：整行为空（空白、“-”“/”或无法读取；不计为 0）",
                             "{table} row {row} is incomplete: every cell is blank (blank, '-', '/' or unreadable; not counted as 0)"),
        ["blank.fees"] = ("{table} {row} 不完整：{fields} 为空；2021 年格式要求填写以万元计的收费金额，未收费填 0（空白、“-”“/”或无法读取；不计为 0）",
                          "{table} row {row} is incomplete: {fields} is blank; the 2021 format asks for the amount charged in 万元, 0 when nothing was charged (blank, '-', '/' or unreadable; not counted as 0)"),
        ["blank.table"] = ("{table} 未填写：全部 {cells} 个单元格为空（全国格式每个单元格都要填数字，没有发生的填 0）",
                           "{table} is not filled in: all {cells} cells are blank (the national format has a number in every cell, 0 when nothing happened)"),

        // ---- structure, year, text
        ["S-1.missing"] = ("缺少法定部分：{sections}", "Missing statutory section {sections}"),
        ["S-1.missing-some"] = ("缺少法定部分：{sections}", "Missing statutory sections {sections}"),
        ["S-1.order"] = ("各部分未按一至六的法定顺序排列：报告中的顺序为 {order}", "Sections are not in the statutory order 一 to 六: the report has them as {order}"),
        ["S-2"] = ("第六部分没有提及信息处理费；自 2021 年度报告起应说明收费情况，未收费也应说明",
                   "Section 六 does not mention the 信息处理费 (information processing fee); since the 2021 reports it should state the fees charged, even if none"),
        ["S-3.empty"] = ("第五部分（存在的主要问题及改进情况）为空{quote}；应说明发现的问题和改进措施",
                         "Section 五 (存在的主要问题及改进情况) is empty{quote}; it should state the problems found and how they are being addressed"),
        ["S-3.repeated"] = ("第五部分（存在的主要问题及改进情况）与上一年（{previous}）逐字相同",
                            "Section 五 (存在的主要问题及改进情况) repeats last year's ({previous}) word for word"),
        ["Y-1.period"] = ("报告年度为 {year}，但正文所述统计期间为“{stated}”", "The report year is {year} but the text states the statistics period \"{stated}\""),
        ["Y-1.title"] = ("标题为 {year} 年，但统计期间为 {period}年1月1日至12月31日", "the title says {year} but the statistics period is {period}年1月1日至12月31日"),
        ["Y-2"] = ("{published} 发布，晚于期限：{who}应在 {deadline} 前发布（逾期 {days} 天）",
                   "Published on {published}, after the deadline: {who} is due by {deadline} ({days} days late)"),
        ["Y-3"] = ("{year} 年度报告使用了{used}；{year} 年度报告应使用{expected}", "{used} used in a {year} report; a {year} report uses the {expected}"),
        ["T3-6.single"] = ("表三将（六）其他处理印作一行（2019 年格式），而报告的 {template} 格式中（六）有三行",
                           "Table 三 prints （六）其他处理 as one row, the 2019 layout, in a report in the {template} format, which has three （六） rows"),
        ["T3-6.layout"] = ("表三的排版与报告的 {template} 格式不同", "Table 三 is laid out in a different format than the report's {template} format"),
        ["T2-3"] = ("表二 行政事业性收费：本年收费金额印作 {value}元，但 2021 年格式要求以万元计（1万元 = 10000元）；数字按印刷保留",
                    "table 二 行政事业性收费: 本年收费金额 is printed as {value}元, but the 2021 format asks for the amount in 万元 (1万元 = 10000元); the number is kept as printed"),
        ["text-vs-table"] = ("第{section}部分写道“{sentence}”（{value}），但{table} {what} 为 {tableValue}", "Section {section} says \"{sentence}\" ({value}) but {table} {what} is {tableValue}"),

        // ---- across years
        ["T3-5"] = ("{column}：本年（{current}）二、上年结转为 {over}，但上一年报告（{previous}）结转下年度（四、结转下年度继续办理）为 {forward}",
                    "{column}: 二、上年结转 is {over} in {current} but last year's report ({previous}) carried {forward} forward (四、结转下年度继续办理)"),
        ["T2-1"] = ("{row}：现行有效为 {inForce}，但上一年的 {stock} + 本年制发 {issued} − 本年废止 {repealed} = {expected}（修订或重新归类可以解释差异）",
                    "{row}: 现行有效 is {inForce} but last year's {stock} + 本年制发 {issued} − 本年废止 {repealed} = {expected} (amendments or reclassification can explain a difference)"),
        ["T2-4"] = ("{row}：本年（{current}）上一年项目数量为 {carried}，但上一年报告（{previous}）为 {items}、本年增/减 {change}，应为 {expected}（事项合并、拆分或更名可以解释差异）",
                    "{row}: 上一年项目数量 is {carried} in {current} but last year's report ({previous}) had {items} and 本年增/减 {change}, which make {expected} (items merged, split or renamed can explain a difference)"),
        ["D-1"] = ("全部 {compared} 个表格数字与上一年报告（{previous}）完全相同，其中 {nonZero} 个不为零：可能是照抄而非统计",
                   "All {compared} table numbers are identical to last year's report ({previous}), including {nonZero} non-zero ones: possibly copied rather than counted"),

        // ---- writing a report (Nianbao.Rendering's RenderingException): not findings, but told from the same catalog
        ["render.no-chromium"] = ("输出 PDF 需要 Chromium，但在 {path} 没有找到。请安装 Debian 软件包 chromium（apt-get install chromium）后重试",
                                  "Writing PDF needs Chromium, which was not found at {path}. Install the Debian package 'chromium' (apt-get install chromium) and try again."),
        ["render.chromium-not-started"] = ("无法启动 Chromium（{path}）", "Chromium ({path}) could not be started."),
        ["render.chromium-timeout"] = ("Chromium 在 {seconds} 秒内没有完成 PDF 打印，已被终止", "Chromium did not finish printing the PDF within {seconds} s and was stopped."),
        ["render.chromium-failed"] = ("Chromium 退出（退出码 {code}），没有写出 PDF：{detail}", "Chromium exited with code {code} without writing a PDF: {detail}"),
        ["render.not-pdf"] = ("Chromium 写出的文件不是 PDF", "Chromium wrote a file that is not a PDF."),
        ["render.no-tables"] = ("报告（格式 {template}）没有全国统一表格，无法输出为工作簿", "The report (template {template}) has no national tables to lay out as a workbook."),
        ["render.unknown-format"] = ("未知的输出格式“{format}”；可用的格式：{formats}", "Unknown output format '{format}'; use one of {formats}."),
    };

    /// <summary>Short names of things messages mention, in both languages.</summary>
    private static readonly Dictionary<string, (string Zh, string En)> Words = new(StringComparer.Ordinal)
    {
        ["blank"] = ("空白", "blank"),
        ["too many"] = ("太多", "too many"),
        ["under the 2007 条例 every report"] = ("按 2007 年条例，每一份报告都", "under the 2007 条例 every report"),
        ["the agency is not known, so the later deadline for a government's own report is assumed; that"] = ("发布机关不明，按政府本级报告的较晚期限计算，", "the agency is not known, so the later deadline for a government's own report is assumed; that"),
        ["a government's own report"] = ("政府本级报告", "a government's own report"),
        ["a department's report"] = ("部门报告", "a department's report"),
        ["2021 format (国办公开办函〔2021〕30号)"] = ("2021 年格式（国办公开办函〔2021〕30号）", "2021 format (国办公开办函〔2021〕30号)"),
        ["2019 format (国办公开办函〔2019〕60号)"] = ("2019 年格式（国办公开办函〔2019〕60号）", "2019 format (国办公开办函〔2019〕60号)"),
        ["pre-2019 free form"] = ("2019 年以前的自由格式", "pre-2019 free form"),
        ["unknown format"] = ("未知格式", "unknown format"),
        ["this year"] = ("本年", "this year"),
        ["previous"] = ("上一年", "previous"),
        ["table 二"] = ("表二", "table 二"),
        ["table 三"] = ("表三", "table 三"),
        ["table 四"] = ("表四", "table 四"),
    };

    public static bool Has(string key) => Catalog.ContainsKey(key);

    /// <summary>A finding told by the catalog: its English message, its key and its values kept for other languages.</summary>
    public static Finding Make(string rule, Severity severity, string key, IEnumerable<CellPath> cells, params (string Name, object? Value)[] args)
    {
        var values = new List<KeyValuePair<string, string>> { new(KeyArg, key) };
        values.AddRange(args.Select(a => new KeyValuePair<string, string>(a.Name, Text(a.Value))));
        return new Finding(rule, severity, Format(key, MessageLanguage.En, values), cells) { Args = values };
    }

    /// <summary>Named values as the catalog keeps them (numbers in invariant form), for messages that are not findings.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Values(params (string Name, object? Value)[] args) =>
        args.Select(a => new KeyValuePair<string, string>(a.Name, Text(a.Value))).ToList();

    /// <summary>The finding's message in <paramref name="language"/>; its own message when the catalog does not know it (an older record).</summary>
    public static string Text(Finding finding, MessageLanguage language)
    {
        if (language == MessageLanguage.En || finding.Args is not { } args) return finding.Message;
        var key = args.FirstOrDefault(a => a.Key == KeyArg).Value;
        return key is not null && Catalog.ContainsKey(key) ? Format(key, language, args) : finding.Message;
    }

    /// <summary>Fills an entry's placeholders from the values; a value that is itself a key of the catalog ("blanks-exceed") is told in the same language.</summary>
    public static string Format(string key, MessageLanguage language, IReadOnlyList<KeyValuePair<string, string>> args)
    {
        var (zh, en) = Catalog[key];
        var template = language == MessageLanguage.Zh ? zh : en;
        var text = Placeholder().Replace(template, m =>
        {
            var name = m.Groups[1].Value;
            var value = args.FirstOrDefault(a => a.Key == name).Value ?? "";
            return Localize(value, language);
        });
        // A suffix entry (e.g. "blanks-exceed") named by the argument "suffix".
        if (args.FirstOrDefault(a => a.Key == "suffix").Value is { } suffix && Catalog.TryGetValue(suffix, out var s))
            text += language == MessageLanguage.Zh ? s.Zh : s.En;
        return text;
    }

    private static string Localize(string value, MessageLanguage language) =>
        Words.TryGetValue(value, out var w) ? (language == MessageLanguage.Zh ? w.Zh : w.En)
        : language == MessageLanguage.Zh ? BlankWord().Replace(value, "空白") : value;

    private static string Text(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bblank\b")]
    private static partial Regex BlankWord();
}
