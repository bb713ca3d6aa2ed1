namespace Nianbao.Domain.Contract;

/// <summary>
/// A report record (the contract's JSON) that cannot be read as it stands: the field it names and
/// what is wrong with it. Never silently ignored — an unknown template or key would otherwise switch
/// checks off or render empty tables without anyone noticing.
/// </summary>
public sealed class ReportRecordException : FormatException
{
    public ReportRecordException(string field, string problem, Exception? inner = null)
        : base(field.Length == 0 ? problem : $"{field}: {problem}", inner)
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>The JSON path of the field, e.g. <c>year</c> or <c>applications.granted.total</c>; empty for the whole record.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the field name.</summary>
    public string Problem { get; }
}
