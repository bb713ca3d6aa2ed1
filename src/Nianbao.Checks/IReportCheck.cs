using Nianbao.Domain;
using Nianbao.Domain.Findings;

namespace Nianbao.Checks;

/// <summary>
/// One family of checks (arithmetic, structure, year, text against tables…) over a report. A check
/// returns its findings and changes nothing: the report is immutable and may be shared between threads.
/// </summary>
public interface IReportCheck
{
    IEnumerable<Finding> Check(Report report);
}
