using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ApiMigrator.Diffs;
using ApiMigrator.Files;

namespace ApiMigrator.Workspace;

/// <summary>
/// Migrates many files: reads each, migrates it in memory, renders its diff or writes it atomically,
/// and hands back one small <see cref="FileOutcome"/> per file, in input order. Files run in parallel
/// (<see cref="MigrationSettings.FilesInFlight"/>: the cores, plus the model's concurrency when there is a model);
/// a file waiting on the model holds no thread. Memory stays bounded because at most that many files are in
/// flight, at most 64 outcomes per worker wait to be consumed, and no syntax tree or file content outlives its file.
/// </summary>
public sealed class WorkspaceMigrator(MigrationSettings settings)
{
    /// <summary>The settings of this run.</summary>
    public MigrationSettings Settings { get; } = settings;

    /// <summary>
    /// Migrates <paramref name="files"/> and yields their outcomes in the same order. Cancelling stops
    /// taking new files; files already being migrated finish (a write is atomic either way), except that
    /// one still waiting on the model is left as it was and reported as interrupted.
    /// </summary>
    public async IAsyncEnumerable<FileOutcome> RunAsync(IEnumerable<string> files, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        int degree = Settings.FilesInFlight;
        // Finished outcomes wait here in order; the bound keeps memory flat however many files there are. It is far
        // above the workers: the outcome at the head may be a large file's, and while it is still being migrated the
        // other workers go on only while there is room behind it (with 4 per worker they stalled after a few small
        // files, and a 2-core run used 1.66 cores; with 64, 1.88). A waiting outcome is small: a path, a diff, counts.
        var pending = Channel.CreateBounded<Task<FileOutcome>>(new BoundedChannelOptions(degree * 64) { SingleReader = true, SingleWriter = true });
        // Not disposed: a file still being migrated when the caller stops reading releases it afterwards.
        var gate = new SemaphoreSlim(degree);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var file in files)
                {
                    await gate.WaitAsync(stop.Token).ConfigureAwait(false);
                    try
                    {
                        // A file starts only once its outcome has a place in the queue, so every started file is reported.
                        if (!await pending.Writer.WaitToWriteAsync(stop.Token).ConfigureAwait(false)) { gate.Release(); break; }
                    }
                    catch (OperationCanceledException)
                    {
                        gate.Release();
                        throw;
                    }
                    var work = Task.Run(async () =>
                    {
                        try { return await MigrateFileAsync(file, cancellationToken).ConfigureAwait(false); }
                        finally { gate.Release(); }
                    }, CancellationToken.None);
                    if (!pending.Writer.TryWrite(work)) throw new InvalidOperationException("the outcome queue refused a reserved place");
                }
            }
            catch (OperationCanceledException) { /* stop taking files; the ones started still finish */ }
            finally { pending.Writer.Complete(); }
        }, CancellationToken.None);
        try
        {
            await foreach (var work in pending.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                yield return await work.ConfigureAwait(false);
        }
        finally
        {
            // The caller may stop reading early: stop the producer too, so nothing waits forever, and let
            // the files already started finish, so no write happens after the run has returned.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
            while (pending.Reader.TryRead(out var started)) await started.ConfigureAwait(false);
        }
    }

    /// <summary>Migrates one file on disk (reads, migrates, diffs or writes). With a model, prefer <see cref="MigrateFileAsync"/>.</summary>
    public FileOutcome MigrateFile(string path) => MigrateFileAsync(path).GetAwaiter().GetResult();

    /// <summary>
    /// Migrates one file on disk (reads, migrates, diffs or writes). Cancelling affects only the wait on the model: the
    /// file is then left as it was and reported as interrupted.
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "One file's failure must not end the run; it is reported as skipped and left untouched.")]
    public async Task<FileOutcome> MigrateFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var display = DisplayPath(path);
        byte[] bytes;
        // A FIFO, device or socket is never opened: reading a FIFO blocks until someone writes to it.
        if (UnixFile.KindOf(ResolvedPath(path)) == PathKind.Other)
            return Skipped(path, display, new Skip(SkipReason.NotRegularFile, "not a regular file (a FIFO, device or socket); it was not opened"));
        try
        {
            long max = DocumentMigrator.IsNotebook(path) ? Settings.MaxNotebookBytes : Settings.MaxFileBytes;
            long length = new FileInfo(path).Length;
            if (length > max)
                return Skipped(path, display, new Skip(SkipReason.TooLarge, $"file is {length:N0} bytes, over the {max:N0}-byte limit"));
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Skipped(path, display, new Skip(SkipReason.Unreadable, e.Message));
        }

        DocumentResult doc;
        try { doc = await DocumentMigrator.MigrateAsync(bytes, path, Settings.For(path), cancellationToken).ConfigureAwait(false); }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Skipped(path, display, new Skip(SkipReason.Interrupted, "the run was interrupted while the file waited on the model; it was left unchanged"));
        }
        catch (Exception e)
        {
            return Skipped(path, display, new Skip(SkipReason.InternalError, $"internal error while migrating ({e.GetType().Name}: {e.Message}); the file was left unchanged"));
        }
        return Complete(path, display, doc);
    }

    /// <summary>Turns a document result into an outcome: writes it (write mode) or renders its diff.</summary>
    private FileOutcome Complete(string path, string display, DocumentResult doc)
    {
        if (doc.Skipped is { } skip) return new FileOutcome(path, display, FileStatus.Skipped, [], doc.Findings, skip, null, doc.WeakMatches);
        if (!doc.Changed) return new FileOutcome(path, display, FileStatus.Unchanged, [], doc.Findings, null, null, doc.WeakMatches);
        if (Settings.Mode != MigrationMode.Write)
            return new FileOutcome(path, display, FileStatus.Changed, doc.Changes, doc.Findings, null, Diff(display, doc), doc.WeakMatches);
        try
        {
            if (AtomicFile.ReplaceIfUnchanged(path, doc.Original, doc.Updated) == AtomicWriteOutcome.ChangedOnDisk)
                return new FileOutcome(path, display, FileStatus.Skipped, [], doc.Findings,
                    new Skip(SkipReason.ChangedOnDisk, "the file changed on disk while it was being migrated; run again"), null, doc.WeakMatches);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileOutcome(path, display, FileStatus.Skipped, [], doc.Findings, new Skip(SkipReason.WriteFailed, e.Message), null, doc.WeakMatches);
        }
        return new FileOutcome(path, display, FileStatus.Changed, doc.Changes, doc.Findings, null, null, doc.WeakMatches);
    }

    /// <summary>
    /// Migrates bytes that do not come from a file (stdin): never writes; the caller gets the new bytes.
    /// <paramref name="name"/> is used for messages and to recognise a notebook.
    /// </summary>
    public (FileOutcome Outcome, byte[] Updated) MigrateBytes(byte[] bytes, string name) => MigrateBytesAsync(bytes, name).GetAwaiter().GetResult();

    /// <summary>The asynchronous <see cref="MigrateBytes"/>.</summary>
    public async Task<(FileOutcome Outcome, byte[] Updated)> MigrateBytesAsync(byte[] bytes, string name, CancellationToken cancellationToken = default)
    {
        var doc = await DocumentMigrator.MigrateAsync(bytes, name, Settings.For(name), cancellationToken).ConfigureAwait(false);
        var status = doc.Skipped is not null ? FileStatus.Skipped : doc.Changed ? FileStatus.Changed : FileStatus.Unchanged;
        var diff = doc.Changed ? Diff(name, doc) : null;
        return (new FileOutcome(name, name, status, doc.Changed ? doc.Changes : [], doc.Findings, doc.Skipped, diff, doc.WeakMatches), doc.Changed ? doc.Updated : bytes);
    }

    /// <summary>
    /// The document's unified diff; with a model, each change's tier decision goes first as a <c># apimig:</c> line,
    /// which <c>patch</c> and <c>git apply</c> skip as text around the patch.
    /// </summary>
    private string Diff(string display, DocumentResult doc)
    {
        var diff = UnifiedDiff.Render(display, doc.Sections, Settings.DiffContext);
        if (!doc.Changes.Any(c => c.Decision is not null)) return diff;
        return string.Concat(doc.Changes.Where(c => c.Decision is not null).Select(c => DecisionLine.For(display, c) + "\n")) + diff;
    }

    /// <summary>The path relative to the base folder when it is under it, with '/' separators; otherwise absolute.</summary>
    public string DisplayPath(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Settings.BaseDirectory, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return shown.Replace('\\', '/');
    }

    /// <summary>The path a named symlink finally points to (the path itself when it is none).</summary>
    private static string ResolvedPath(string path)
    {
        try { return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path; }
        catch (IOException) { return path; }
    }

    private static FileOutcome Skipped(string path, string display, Skip skip) => new(path, display, FileStatus.Skipped, [], [], skip, null);
}
