using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Nianbao.Documents.Inputs;

/// <summary>What a path names, asked of the file system without opening it.</summary>
public enum FileKind { Missing, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, SymbolicLink, Other }

/// <summary>A path's kind, size and identity (device and inode), from statx(2) on Linux.</summary>
public readonly record struct FileStatus(FileKind Kind, long Size, ulong Device, ulong Inode)
{
    /// <summary>
    /// .NET tells a FIFO, a device and a socket from a file only by opening them — and opening a FIFO
    /// blocks until someone writes to it. statx(2) has one layout on every Linux architecture, unlike
    /// stat(2), so it is asked directly. Elsewhere the answer comes from .NET (no FIFOs to fear on Windows).
    /// </summary>
    public static FileStatus Of(string path, bool followLinks = true)
    {
        if (OperatingSystem.IsLinux())
        {
            var buffer = new byte[256];
            const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
            const uint StatxBasicStats = 0x7ff;
            int result;
            try { result = Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer); }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException) { return Managed(path); }
            if (result != 0) return new FileStatus(FileKind.Missing, 0, 0, 0);
            var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
            var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32));
            var size = (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(40));
            var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140));
            var kind = (mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0x1000 => FileKind.Fifo,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0xC000 => FileKind.Socket,
                0xA000 => FileKind.SymbolicLink,
                _ => FileKind.Other,
            };
            return new FileStatus(kind, size, device, inode);
        }
        return Managed(path);
    }

    private static FileStatus Managed(string path)
    {
        var file = new FileInfo(path);
        if (file.Exists) return new FileStatus(FileKind.Regular, file.Length, 0, 0);
        return Directory.Exists(path) ? new FileStatus(FileKind.Directory, 0, 0, 0) : new FileStatus(FileKind.Missing, 0, 0, 0);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
