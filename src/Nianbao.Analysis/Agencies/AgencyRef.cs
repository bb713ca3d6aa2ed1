namespace Nianbao.Analysis.Agencies;

/// <summary>
/// Where an agency stands on the national administrative map, as plain fields: whoever placed it
/// (the region library, the archive) hands it over in this shape, so analysis and export need
/// nothing but the values.
/// </summary>
/// <param name="RegionCode">统计用区划代码 of the agency's region (2, 4, 6, 9 or 12 digits).</param>
/// <param name="RegionName">The region's full name, e.g. 河南省信阳市新县泗店乡.</param>
/// <param name="Level">province, city, county or township (as the placing library names it).</param>
/// <param name="Kind">government, office, department or township (as the placing library names it).</param>
public sealed record AgencyPlacement(string? RegionCode, string? RegionName, string? Level, string? Kind);

/// <summary>
/// One agency: a stable id (name variants of one agency share it) and its canonical name. An agency
/// the map could not decide on has no placement: it is counted, never guessed into a region.
/// </summary>
public sealed record AgencyRef(string Id, string Name, AgencyPlacement? Placement = null);

/// <summary>
/// A report with the agency it belongs to: the input of every summary. The caller passes the
/// current version of each agency's report for a year, never two for the same agency and year.
/// </summary>
public sealed record AgencyReport(AgencyRef Agency, Domain.Report Report)
{
    /// <summary>The reporting year; a report without one cannot be placed in a year's summary.</summary>
    public int? Year => Report.Year;
}
