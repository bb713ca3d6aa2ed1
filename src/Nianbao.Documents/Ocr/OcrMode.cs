namespace Nianbao.Documents.Ocr;

/// <summary>When pictures of text are read by OCR.</summary>
public enum OcrMode
{
    /// <summary>Pages without usable text (scans) and images in text pages that hold a ruled table.</summary>
    Auto,
    /// <summary>Never: a page without text gets the needs-OCR notice.</summary>
    Off,
    /// <summary>Every page, ignoring its text layer (for PDFs whose text layer is garbage).</summary>
    Force,
}

public static class OcrModes
{
    public static bool TryParse(string? text, out OcrMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "auto": mode = OcrMode.Auto; return true;
            case "off": mode = OcrMode.Off; return true;
            case "force": mode = OcrMode.Force; return true;
            default: mode = OcrMode.Auto; return false;
        }
    }

    public static string Name(this OcrMode mode) => mode.ToString().ToLowerInvariant();
}

/// <summary>How the readers OCR: the mode, the resolution pages are rasterised at, and who hears of progress.</summary>
public sealed record OcrOptions(OcrMode Mode = OcrMode.Auto)
{
    /// <summary>200 dpi reads 8-point table text reliably and keeps a page under a few seconds.</summary>
    public int Dpi { get; init; } = 200;

    /// <summary>Reading time each page handed to OCR adds to the file's budget (<see cref="ReadLimits.MaxReadTime"/>).</summary>
    public TimeSpan PageTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Called after each OCR'd page with (file name, page, pages to OCR in this file); may be called from several threads.</summary>
    public Action<string, int, int>? Progress { get; init; }

    public static OcrOptions Off { get; } = new(OcrMode.Off);
}
