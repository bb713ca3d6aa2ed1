using System.Text.RegularExpressions;

namespace Nianbao.Documents.Inputs;

/// <summary>The files to read, in a stable order, and a problem for each input that names no readable file.</summary>
public sealed record InputExpansion(IReadOnlyList<string> Files, IReadOnlyList<DocumentReadException> Problems);

/// <summary>
/// Expands FILE, DIR and GLOB arguments into regular files. Nothing but a regular file is ever
/// opened: a FIFO would block the reader until someone writes to it, a device may never end, a
/// socket cannot be read at all, so each is reported as "not a regular file" from its status alone.
/// A walk knows every folder by its device and inode: a symbolic link back up the tree, or two links
/// to one folder, lead nowhere the walk has already been, so a cycle ends instead of hanging.
/// </summary>
public static class InputWalker
{
    /// <summary>Folders deeper than this under one input are not entered (a walk is not a search of the disk).</summary>
    public const int MaxDepth = 64;

    /// <summary>Files one expansion may list; past this the rest of the walk is reported instead.</summary>
    public const int MaxFiles = 1_000_000;

    /// <param name="skipInWalks">Files found by walking a folder or a pattern that are not inputs (sidecars); a file named directly is always kept.</param>
    public static InputExpansion Expand(IEnumerable<string> inputs, Func<string, bool>? skipInWalks = null, CancellationToken cancellation = default)
    {
        var state = new State(skipInWalks ?? (_ => false), cancellation);
        foreach (var input in inputs)
        {
            cancellation.ThrowIfCancellationRequested();
            var status = FileStatus.Of(input);
            switch (status.Kind)
            {
                case FileKind.Regular:
                    state.AddFile(input, status);
                    break;
                case FileKind.Directory:
                    state.AddSorted(() => state.Walk(input, status, null));
                    break;
                case FileKind.Missing when input.IndexOfAny(['*', '?']) >= 0:
                    var before = state.Offered;
                    state.AddSorted(() => state.Glob(input));
                    if (state.Offered == before)
                        state.Problems.Add(new DocumentReadException(input, ReadFailure.NotAFile, "没有与此模式匹配的文件", "no file matches this pattern"));
                    break;
                case FileKind.Missing:
                    state.Problems.Add(Missing(input));
                    break;
                default:
                    state.Problems.Add(NotRegular(input, status.Kind));
                    break;
            }
        }
        return new InputExpansion(state.Files, state.Problems);
    }

    internal static DocumentReadException Missing(string input) =>
        new(input, ReadFailure.NotAFile, "文件或文件夹不存在（或是指向不存在位置的链接）", "no such file or directory (or a link to nowhere)");

    internal static DocumentReadException NotRegular(string input, FileKind kind)
    {
        var (zh, en) = kind switch
        {
            FileKind.Fifo => ("命名管道（FIFO）", "a named pipe (FIFO)"),
            FileKind.CharacterDevice or FileKind.BlockDevice => ("设备文件", "a device"),
            FileKind.Socket => ("套接字", "a socket"),
            _ => ("特殊文件", "a special file"),
        };
        return new DocumentReadException(input, ReadFailure.NotAFile, $"不是普通文件，而是{zh}，未读取", $"not a regular file but {en}; it was not opened");
    }

    private sealed class State(Func<string, bool> skip, CancellationToken cancellation)
    {
        // Per walk: one input's walk enters each folder once; another input may walk the same folders again (its files are listed once).
        private HashSet<(ulong, ulong)> _folders = new();
        private readonly HashSet<(ulong, ulong)> _files = new();
        private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
        private bool _full;

        public List<string> Files { get; } = new();
        public List<DocumentReadException> Problems { get; } = new();

        /// <summary>Files found so far, before those reached twice are dropped.</summary>
        public int Offered { get; private set; }

        public void AddFile(string path, FileStatus status)
        {
            Offered++;
            // One file reached by two names (a link, a repeated argument) is read once.
            var known = status.Inode != 0 ? !_files.Add((status.Device, status.Inode)) : false;
            if (known || !_paths.Add(path)) return;
            if (Files.Count >= MaxFiles)
            {
                if (!_full) Problems.Add(new DocumentReadException(path, ReadFailure.TooLarge, $"输入文件超过 {MaxFiles} 个，其余未读取", $"more than {MaxFiles} input files; the rest were not listed"));
                _full = true;
                return;
            }
            Files.Add(path);
        }

        /// <summary>The files one folder or pattern adds, in ordinal order of their paths.</summary>
        public void AddSorted(Action walk)
        {
            var from = Files.Count;
            walk();
            Files.Sort(from, Files.Count - from, StringComparer.Ordinal);
        }

        /// <summary>Depth-first over one folder; <paramref name="match"/> (a pattern, relative to <paramref name="root"/>) filters files.</summary>
        public void Walk(string root, FileStatus rootStatus, Func<string, bool>? match)
        {
            _folders = new();
            if (!Enter(rootStatus)) return;
            var pending = new Stack<(string Dir, int Depth)>();
            pending.Push((root, 0));
            while (pending.Count > 0)
            {
                cancellation.ThrowIfCancellationRequested();
                var (dir, depth) = pending.Pop();
                string[] entries;
                try { entries = Directory.GetFileSystemEntries(dir); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Problems.Add(new DocumentReadException(dir, ReadFailure.NotAFile, "文件夹无法打开（没有权限或已被移走）", "the folder cannot be opened (no permission, or it was moved)"));
                    continue;
                }
                Array.Sort(entries, StringComparer.Ordinal);
                for (var i = entries.Length - 1; i >= 0; i--)
                {
                    var entry = entries[i];
                    var status = FileStatus.Of(entry);
                    switch (status.Kind)
                    {
                        case FileKind.Directory:
                            if (!Enter(status)) break;
                            if (depth + 1 <= MaxDepth) pending.Push((entry, depth + 1));
                            else Problems.Add(new DocumentReadException(entry, ReadFailure.NotAFile,
                                $"文件夹嵌套超过 {MaxDepth} 层，未再深入", $"folders nested more than {MaxDepth} deep; it was not walked"));
                            break;
                        case FileKind.Regular:
                            if (skip(entry) || (match is not null && !match(Path.GetRelativePath(root, entry)))) break;
                            AddFile(entry, status);
                            break;
                        case FileKind.Missing:
                            // A dangling link: only worth a word if the user could have meant it.
                            if (match is null || match(Path.GetRelativePath(root, entry))) Problems.Add(Missing(entry));
                            break;
                        default:
                            if (match is null || match(Path.GetRelativePath(root, entry))) Problems.Add(NotRegular(entry, status.Kind));
                            break;
                    }
                }
            }
        }

        /// <summary>True the first time a folder (by device and inode) is met.</summary>
        private bool Enter(FileStatus folder) => folder.Inode == 0 || _folders.Add((folder.Device, folder.Inode));

        /// <summary>"*" within a name, "?" one character, "**/" any folders; matched against paths relative to the pattern's fixed part.</summary>
        public void Glob(string pattern)
        {
            var full = Path.GetFullPath(pattern);
            var firstWild = full.IndexOfAny(['*', '?']);
            var baseDir = Path.GetDirectoryName(full[..firstWild]) ?? "/";
            var status = FileStatus.Of(baseDir);
            if (status.Kind != FileKind.Directory) return;
            var relativePattern = Path.GetRelativePath(baseDir, full);
            var regex = new Regex("^" + Regex.Escape(relativePattern)
                .Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$", RegexOptions.CultureInvariant);
            // A pattern without folders in it matches in the base folder only: "a/*.txt" never means a/b/c.txt.
            var recursive = relativePattern.Contains("**", StringComparison.Ordinal) || relativePattern.Contains('/');
            if (recursive) Walk(baseDir, status, regex.IsMatch);
            else WalkTop(baseDir, regex);
        }

        private void WalkTop(string dir, Regex regex)
        {
            string[] entries;
            try { entries = Directory.GetFileSystemEntries(dir); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return; }
            foreach (var entry in entries)
            {
                if (!regex.IsMatch(Path.GetFileName(entry))) continue;
                var status = FileStatus.Of(entry);
                if (status.Kind == FileKind.Regular) AddFile(entry, status);
                else if (status.Kind is not (FileKind.Directory or FileKind.Missing)) Problems.Add(NotRegular(entry, status.Kind));
            }
        }
    }
}
