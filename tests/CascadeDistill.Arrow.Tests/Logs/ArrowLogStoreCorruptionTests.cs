using CascadeDistill.Arrow.Logs;
using CascadeDistill.Logs;
using CascadeDistill.Testing;

namespace CascadeDistill.Arrow.Tests.Logs;

/// <summary>Damaged files fail with a <see cref="LogContractException"/>, never with an index or argument error.</summary>
public sealed class ArrowLogStoreCorruptionTests : IDisposable
{
    private static readonly DateOnly s_day = new(2025, 3, 14);
    private static readonly LogReadRequest s_clicks = new(["click"], [], ReadLabels: true);

    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ReadRequests_CutAtEveryLength_ThrowsTruncatedFile()
    {
        byte[] bytes = ValidFileBytes();
        var store = new ArrowLogStore(_scratch.Path);
        string path = _scratch.Combine("cut.arrow");

        for (int length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(path, bytes[..length]);

            var error = Assert.Throws<LogContractException>(() => store.ReadRequests(new LogFileInfo(path, s_day, length), s_clicks, CancellationToken.None).ToList());

            Assert.Equal(LogReasonCodes.TruncatedFile, error.ReasonCode);
        }
    }

    [Fact]
    public void ReadRequests_AnySingleByteFlipped_ReadsOrThrowsLogContractException()
    {
        byte[] bytes = ValidFileBytes();
        var store = new ArrowLogStore(_scratch.Path);
        string path = _scratch.Combine("flipped.arrow");

        for (int position = 0; position < bytes.Length; position++)
        {
            byte[] copy = [.. bytes];
            copy[position] ^= 0xFF;
            File.WriteAllBytes(path, copy);

            Exception? error = Record.Exception(() => store.ReadRequests(new LogFileInfo(path, s_day, copy.Length), s_clicks, CancellationToken.None).ToList());

            Assert.True(error is null or LogContractException, $"Flipping byte {position} gave {error}");
        }
    }

    private byte[] ValidFileBytes()
    {
        string path = _scratch.Combine("valid.arrow");
        RawLogFile.Valid()
            .Set(LogContract.LabelColumn("click"), new Apache.Arrow.FloatArray.Builder().Append(1f).AppendNull().Append(0f).Append(1f).Append(0f).Build())
            .Write(path);
        return File.ReadAllBytes(path);
    }
}
