using Nianbao.Archive;
using Nianbao.Harvesting;
using Nianbao.Pipeline;

namespace Nianbao.Server;

/// <summary>What <c>nianbao serve</c> starts: the archive, where to listen, and the upload limits.</summary>
public sealed record ServerOptions
{
    public required ArchiveLocation Archive { get; init; }
    public string Urls { get; init; } = "http://127.0.0.1:5080";
    /// <summary>One uploaded file at most this big (a report is rarely above a few MB).</summary>
    public long MaxFileBytes { get; init; } = 20 * 1024 * 1024;
    /// <summary>At most this many files in one upload request.</summary>
    public int MaxFiles { get; init; } = 50;
    public PipelineOptions Pipeline { get; init; } = PipelineOptions.Default;
    /// <summary>How harvests started through the API fetch (polite defaults: robots.txt, one request a second per host).</summary>
    public HarvestOptions Harvest { get; init; } = new();

    /// <summary>The whole request body: the files and the multipart overhead.</summary>
    public long MaxRequestBytes => MaxFileBytes * Math.Min(MaxFiles, 10) + 1024 * 1024;
}
