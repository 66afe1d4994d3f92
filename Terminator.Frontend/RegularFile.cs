using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Terminator.Frontend;

/// <summary>
/// Tells a regular file from a FIFO, socket or terminal without blocking. Opening a FIFO for reading waits until
/// another process opens it for writing, so it is opened here with <c>O_NONBLOCK</c>, which never waits, and then
/// asked whether it can seek: a regular file can, the others cannot.
/// </summary>
internal static partial class RegularFile
{
    private const int ReadOnly = 0;

    /// <summary>
    /// Whether <paramref name="path"/>, an existing file, is a regular file; true when that cannot be told (on Windows,
    /// which has no FIFOs among files, or when the file cannot be opened: reading it then reports why).
    /// </summary>
    public static bool IsRegular(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return true;
        }

        var nonBlocking = OperatingSystem.IsLinux() ? 0x800 : 0x4;
        var descriptor = Open(Encoding.UTF8.GetBytes(path + "\0"), ReadOnly | nonBlocking);
        if (descriptor < 0)
        {
            return true;
        }

        using var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 1);
        return stream.CanSeek;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);
}
