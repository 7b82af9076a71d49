using System.Diagnostics;

namespace Scheduling.TestSupport;

/// <summary>
/// Storage really broken under a running app, the way a disk goes wrong in production. Tests run as
/// root here, and root writes through a file's permission bits, so "read-only" is the immutable
/// attribute (chattr +i: refused even to root, as a file on a read-only mount is), and "full" is a
/// small tmpfs mounted on the test's own folder and filled up. Where the tools or the privileges are
/// missing, the calling test is skipped with the reason; every command has a deadline.
/// </summary>
public static class StorageFaults
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Makes <paramref name="file"/> refuse every open for writing, to everyone; <see cref="MakeWritableAsync"/> undoes it.</summary>
    public static async Task MakeReadOnlyAsync(string file)
    {
        var (exit, output) = await RunAsync("chattr", "+i", file);
        if (exit != 0)
        {
            Assert.Skip($"Cannot make a file read-only for root here (chattr +i: exit {exit}, {output.Trim()}).");
        }
    }

    public static async Task MakeWritableAsync(string file)
    {
        var (exit, output) = await RunAsync("chattr", "-i", file);
        if (exit != 0)
        {
            throw new InvalidOperationException($"chattr -i {file} failed (exit {exit}): {output}");
        }
    }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> on the (empty) <paramref name="folder"/>.</summary>
    public static async Task MountSmallDiskAsync(string folder, int megabytes)
    {
        var (exit, output) = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", folder);
        if (exit != 0)
        {
            Assert.Skip($"Cannot mount a small disk here (mount -t tmpfs: exit {exit}, {output.Trim()}).");
        }
    }

    /// <summary>Unmounts it; lazily if something still holds a file open, so the test never leaves a mount behind.</summary>
    public static async Task UnmountAsync(string folder)
    {
        if ((await RunAsync("umount", folder)).ExitCode != 0)
        {
            await RunAsync("umount", "-l", folder);
        }
    }

    /// <summary>Writes a file in <paramref name="folder"/> until the disk refuses more; returns its path.</summary>
    public static string FillDisk(string folder)
    {
        var path = Path.Combine(folder, "filler.bin");
        var block = new byte[1024 * 1024];
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
            for (var written = 0; written < 100_000; written++)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // No space left on the device: the disk is full.
        }

        return path;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Deadline);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                throw new TimeoutException($"{command} did not finish within {Deadline.TotalSeconds:0} s.");
            }

            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
