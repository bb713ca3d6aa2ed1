using Nianbao.Documents.Model;
using Nianbao.Domain;

namespace Nianbao.Recognition;

/// <summary>SourceDocument → Report: metadata, template, sections and the three tables.</summary>
public static class ReportRecognizer
{
    public static Report Recognize(SourceDocument document)
    {
        var report = new Report
        {
            Source = new SourceInfo(document.FileName, document.Sha256, document.Format.ToContractName(), document.Encoding),
        };
        return report;
    }
}
