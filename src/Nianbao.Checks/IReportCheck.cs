using Nianbao.Domain;
using Nianbao.Domain.Findings;

namespace Nianbao.Checks;

/// <summary>One family of checks (arithmetic, structure, year, text against tables…) over a report.</summary>
public interface IReportCheck
{
    IEnumerable<Finding> Check(Report report);
}
