using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Nianbao.Rendering.Layout;

namespace Nianbao.Server.Web;

/// <summary>What a value cell of a grid shows: its content (already HTML), a class and a tooltip.</summary>
public sealed record GridValue(IHtmlContent Content, string? Class = null, string? Title = null);

/// <summary>
/// A statutory table laid out as the national format prints it (<see cref="NationalTables"/>, built
/// from the template's own schema) written as an HTML table: headings and labels as printed, merges
/// as rowspan/colspan, and each value cell filled by the page (an input on the form, a number on the
/// comparison). Every text is HTML-encoded here.
/// </summary>
public static class LayoutGrid
{
    public static IHtmlContent Render(TableLayout layout, Func<LayoutCell, GridValue> value, string cssClass, string? id = null)
    {
        var html = new HtmlContentBuilder();
        var e = HtmlEncoder.Default;
        html.AppendHtml($"<table class=\"national {e.Encode(cssClass)}\"{(id is null ? "" : $" id=\"{e.Encode(id)}\"")} data-table=\"{e.Encode(layout.Kind.ToString())}\">");
        for (var r = 0; r < layout.Rows; r++)
        {
            html.AppendHtml(r < layout.HeaderRows ? "<tr class=\"head\">" : "<tr>");
            for (var c = 0; c < layout.Columns; c++)
            {
                if (layout.OriginAt(r, c) is not { } cell) continue;
                var spans = (cell.RowSpan > 1 ? $" rowspan=\"{cell.RowSpan}\"" : "") + (cell.ColumnSpan > 1 ? $" colspan=\"{cell.ColumnSpan}\"" : "");
                if (cell.Role == CellRole.Value)
                {
                    var v = value(cell);
                    html.AppendHtml($"<td{spans} class=\"value{(v.Class is null ? "" : " " + e.Encode(v.Class))}\" data-path=\"{e.Encode(cell.Path?.ToString() ?? "")}\"{(v.Title is null ? "" : $" title=\"{e.Encode(v.Title)}\"")}>");
                    html.AppendHtml(v.Content);
                    html.AppendHtml("</td>");
                }
                else
                {
                    var role = cell.Role switch
                    {
                        CellRole.Caption => "caption",
                        CellRole.Header => "header",
                        CellRole.Note => "note",
                        _ => "label",
                    };
                    html.AppendHtml($"<th{spans} class=\"{role}\"{(cell.Role == CellRole.Label ? " scope=\"row\"" : "")}>");
                    html.Append(cell.Text);
                    html.AppendHtml("</th>");
                }
            }
            html.AppendHtml("</tr>");
        }
        html.AppendHtml("</table>");
        return html;
    }
}
