namespace Nianbao.Documents.Limits;

/// <summary>
/// The time allowed for the file being read, as the reader learns what the file costs: each page
/// handed to OCR brings its own budget (a scan of 40 pages is not "too long" for taking a few seconds
/// a page). Whoever bounds a read (the read guard, a pipeline's per-file timeout) opens a scope; a
/// reader that finds more work calls <see cref="Extend"/>, and every open scope of the flow hears it.
/// </summary>
public static class ReadBudget
{
    private static readonly AsyncLocal<Action<TimeSpan>?> Current = new();

    /// <summary>Tells every bound on the current read that it may take <paramref name="more"/> longer.</summary>
    public static void Extend(TimeSpan more) => Current.Value?.Invoke(more);

    /// <summary>Hears extensions until disposed (outer scopes still hear them).</summary>
    public static IDisposable Open(Action<TimeSpan> onExtend)
    {
        var outer = Current.Value;
        Current.Value = more =>
        {
            onExtend(more);
            outer?.Invoke(more);
        };
        return new Scope(outer);
    }

    private sealed class Scope(Action<TimeSpan>? outer) : IDisposable
    {
        public void Dispose() => Current.Value = outer;
    }
}
