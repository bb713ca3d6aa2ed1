using Nianbao.Documents;

namespace Nianbao.Pipeline;

/// <summary>
/// How a pipeline is built: external tools and limits. Options, not statics — two pipelines with
/// different settings can run side by side (a server and a test, say).
/// </summary>
public sealed record PipelineOptions
{
    public static PipelineOptions Default { get; } = new();

    /// <summary>
    /// Chromium for rendering PDF (null: /usr/bin/chromium). The pipeline itself renders nothing —
    /// rendering comes later in the flow — but the front ends build their renderers from these options.
    /// </summary>
    public string? ChromiumPath { get; init; }

    /// <summary>LibreOffice (soffice) for legacy Office files; null finds it on the PATH.</summary>
    public string? LibreOfficePath { get; init; }

    /// <summary>How long one external conversion (LibreOffice, Chromium) may take.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long one input may take from bytes to checked report; after that its outcome is <see cref="OutcomeKind.TookTooLong"/> and the batch goes on.</summary>
    public TimeSpan FileTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How much one input may cost the readers (sizes, depths, counts, read time); see docs/reliability.md.</summary>
    public ReadLimits Limits { get; init; } = ReadLimits.Default;

    /// <summary>How many inputs are read at once in a batch.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
