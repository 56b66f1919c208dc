namespace CardFirmware.CardCtl;

/// <summary>
/// The state file for one run: an exclusive lock held from open to dispose (a second cardctl on
/// the same file fails at once instead of racing it), atomic replacement on save (a temporary file
/// written and flushed to disk, then renamed over the old one, so a crash leaves the old state or
/// the new one, never half of each), and timestamped backups before a forced overwrite.
/// </summary>
/// <remarks>
/// The lock is a separate <c>.lock</c> file that is never deleted: the state file itself is
/// replaced by a rename, and a lock on a replaced file would no longer exclude anyone. .NET on
/// Unix takes <c>flock(LOCK_EX | LOCK_NB)</c> for <see cref="FileShare.None"/>.
/// </remarks>
internal sealed class StateFile : IDisposable
{
    private readonly FileStream _lock;

    private StateFile(string path, FileStream lockStream)
    {
        Path = path;
        _lock = lockStream;
    }

    /// <summary>The state file's path as the user gave it.</summary>
    public string Path { get; }

    public bool Exists => File.Exists(Path);

    /// <summary>Takes the run's exclusive lock on <paramref name="path"/>; throws (exit 4) if another run holds it.</summary>
    public static StateFile Lock(string path)
    {
        var lockPath = path + ".lock";
        if (path == Program.DefaultState)
        {
            // Owner-only: the file holds the phone's private keys.
            var folder = System.IO.Path.GetDirectoryName(path)!;
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        try
        {
            return new StateFile(path, new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (DirectoryNotFoundException)
        {
            throw new CardCtlException($"The folder of state file {path} does not exist.", ExitCodes.StateDamage);
        }
        catch (IOException)
        {
            throw new CardCtlException($"Another cardctl is using state file {path} (it holds {lockPath}): wait for it to finish, then run this again.", ExitCodes.StateDamage);
        }
    }

    /// <summary>Reads and checks the state; exit 4 if it is missing or malformed.</summary>
    public CardState Load()
    {
        if (!Exists)
        {
            throw new CardCtlException($"No state file {Path}: run `cardctl provision` first.", ExitCodes.StateDamage);
        }

        return CardState.Parse(File.ReadAllText(Path), Path);
    }

    /// <summary>Replaces the state file with <paramref name="state"/> atomically.</summary>
    public void Save(CardState state)
    {
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only, like an ssh key: the file holds the phone's private keys.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(state.Serialize());
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>Copies the current state file to <c>name.backup-yyyyMMddTHHmmssfffZ.json</c> beside it and returns that path.</summary>
    public string Backup()
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        var name = System.IO.Path.GetFileNameWithoutExtension(Path);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var backup = System.IO.Path.Combine(folder, $"{name}.backup-{stamp}{System.IO.Path.GetExtension(Path)}");
        File.Copy(Path, backup, overwrite: false);
        using (var stream = new FileStream(backup, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            stream.Flush(flushToDisk: true);
        }

        return backup;
    }

    public void Dispose() => _lock.Dispose();
}
