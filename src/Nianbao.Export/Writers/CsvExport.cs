using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using Nianbao.Export.Tables;

namespace Nianbao.Export.Writers;

/// <summary>
/// CSV in UTF-8 with a BOM (so Excel opens Chinese text as Chinese), written by Sep with RFC 4180
/// quoting of fields that hold commas, quotes or line breaks. A header row of column names; with
/// labels, a second row of national Chinese labels. Numbers are written as printed (invariant
/// culture); an empty cell is an empty field, never 0. Text that Excel would take for a formula is
/// prefixed with an apostrophe (<see cref="Defused"/>).
/// </summary>
internal static class CsvExport
{
    public static int Write(IEnumerable<ExportRow> rows, IExportTable table, Stream output, bool labels)
    {
        using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        using var csv = Sep.New(',').Writer(o => o with { Escape = true, WriteHeader = true, CultureInfo = CultureInfo.InvariantCulture }).To(text);
        var names = table.Columns.Select(c => c.Name).ToArray();
        var count = 0;
        if (labels) WriteRow(csv, names, table.Columns.Select(c => (object?)c.Label).ToArray());
        foreach (var row in rows)
        foreach (var values in table.RowsOf(row))
        {
            WriteRow(csv, names, values);
            count++;
        }
        // Sep writes the header with the first row; an export of nothing still gets its header.
        if (count == 0 && !labels) WriteHeaderOnly(text, names);
        return count;
    }

    private static void WriteRow(SepWriter csv, string[] names, object?[] values)
    {
        using var row = csv.NewRow();
        for (var i = 0; i < names.Length; i++) row[names[i]].Set(Format(values[i]));
    }

    private static void WriteHeaderOnly(TextWriter text, string[] names) => text.WriteLine(string.Join(",", names));

    private static string Format(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        string text => Defused(text),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Text from uploads (file names, agency names as printed) that begins like a formula would be run by
    /// Excel when the CSV is opened (CSV injection): prefixed with an apostrophe, as OWASP recommends.
    /// Only text: numbers are decimal/long values above and stay numbers (a negative count is not text).
    /// </summary>
    internal static string Defused(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
