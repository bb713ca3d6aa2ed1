using Nianbao.Documents.Model;

namespace Nianbao.Documents;

/// <summary>
/// Turns the bytes of one format into a <see cref="SourceDocument"/>. Readers are chosen by content
/// (<see cref="CanRead"/>), never by file extension alone, so a renamed file still works.
/// </summary>
public interface IDocumentReader
{
    SourceFormat Format { get; }

    /// <summary>True when the bytes are of this reader's format (magic bytes, markup, container entries).</summary>
    bool CanRead(ReadOnlySpan<byte> bytes, string fileName);

    /// <summary>
    /// Reads the document within <paramref name="limits"/>; throws <see cref="DocumentReadException"/>
    /// for a corrupt, hostile or oversized file and nothing else except <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellation"/> is cancelled by the caller.
    /// </summary>
    SourceDocument Read(byte[] bytes, string fileName, ReadLimits limits, CancellationToken cancellation);
}
