using ApiMigrator.Llm;

namespace ApiMigrator.Tests.Llm;

public sealed class AnswerCacheTests : IDisposable
{
    private static readonly AnswerRequest Request = new(
        [new PromptMessage(PromptRole.System, "You migrate."), new PromptMessage(PromptRole.User, "x = np.float_(1)")],
        "qwen2.5-coder:1.5b", 0, 512, [], 42, "1+abcdef01");

    private readonly string dir = Directory.CreateTempSubdirectory("apimig-cache-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void The_key_is_a_stable_sha256_of_the_request()
    {
        Assert.Matches("^[0-9a-f]{64}$", Request.Key());
        Assert.Equal(Request.Key(), (Request with { Messages = [.. Request.Messages] }).Key());
    }

    public static TheoryData<string, AnswerRequest> Changes() => new()
    {
        { "model", Request with { ModelId = "other" } },
        { "temperature", Request with { Temperature = 0.3 } },
        { "max tokens", Request with { MaxTokens = 256 } },
        { "stop", Request with { StopSequences = ["```"] } },
        { "seed", Request with { Seed = 1 } },
        { "template", Request with { TemplateVersion = "2+abcdef01" } },
        { "message text", Request with { Messages = [Request.Messages[0], new PromptMessage(PromptRole.User, "x = np.float_(2)")] } },
        { "message role", Request with { Messages = [Request.Messages[0], new PromptMessage(PromptRole.Assistant, "x = np.float_(1)")] } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_that_can_change_the_answer_changes_the_key(string what, AnswerRequest changed)
        => Assert.True(Request.Key() != changed.Key(), what);

    [Fact]
    public void A_stored_answer_is_read_back_and_no_temporary_file_is_left()
    {
        var cache = new AnswerCache(dir);
        Assert.Null(cache.TryGet(Request.Key()));

        cache.Put(Request, "```python\nx = np.float64(1)\n```");

        Assert.Equal("```python\nx = np.float64(1)\n```", cache.TryGet(Request.Key()));
        var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories);
        var file = Assert.Single(files);
        Assert.Equal(Path.Combine(dir, Request.Key()[..2], Request.Key() + ".json"), file);
    }

    [Fact]
    public void A_corrupt_entry_is_a_miss_and_is_overwritten()
    {
        var cache = new AnswerCache(dir);
        cache.Put(Request, "first");
        var file = Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories).Single();
        File.WriteAllText(file, "{ truncated");

        Assert.Null(cache.TryGet(Request.Key()));
        cache.Put(Request, "second");
        Assert.Equal("second", cache.TryGet(Request.Key()));
    }

    [Fact]
    public void Parallel_writers_of_one_key_leave_one_whole_entry()
    {
        var cache = new AnswerCache(dir);
        Parallel.For(0, 16, i => cache.Put(Request, $"answer {i % 2}"));

        Assert.Contains(cache.TryGet(Request.Key()), new[] { "answer 0", "answer 1" });
        Assert.Single(Directory.GetFiles(dir, "*", SearchOption.AllDirectories));
    }
}
