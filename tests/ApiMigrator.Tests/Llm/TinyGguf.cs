using System.Text;

namespace ApiMigrator.Tests.Llm;

/// <summary>
/// Writes a tiny GGUF v3 model with random weights: llama architecture, a SentencePiece-style vocabulary
/// of 3 special tokens plus the 256 byte tokens (so any text tokenizes), n_embd 32, 2 layers. No model
/// can be downloaded here, so this is how the in-process LLamaSharp path is exercised for real: it loads,
/// generates tokens (garbage), and the answer goes through the same verification as a server's.
/// </summary>
internal static class TinyGguf
{
    private const int Embd = 32, Layers = 2, Heads = 4, FeedForward = 64, ContextLength = 4096, Alignment = 32;
    // GGUF metadata value types.
    private const uint U32 = 4, I32 = 5, F32 = 6, Str = 8, Arr = 9;

    public static string Write(string path, int seed = 7)
    {
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        for (int b = 0; b < 256; b++) tokens.Add($"<0x{b:X2}>");
        // Token types: 2 unknown, 3 control, 6 byte (llama.cpp maps "<0xNN>" byte tokens back to raw bytes).
        var types = tokens.Select((_, i) => i switch { 0 => 2, 1 or 2 => 3, _ => 6 }).ToArray();
        int vocab = tokens.Count;

        var rng = new Random(seed);
        var tensors = new List<(string Name, ulong[] Shape)> // shapes in ggml order: innermost dimension first
        {
            ("token_embd.weight", [Embd, (ulong)vocab]),
            ("output_norm.weight", [Embd]),
            ("output.weight", [Embd, (ulong)vocab]),
        };
        for (int l = 0; l < Layers; l++)
        {
            tensors.Add(($"blk.{l}.attn_norm.weight", [Embd]));
            tensors.Add(($"blk.{l}.attn_q.weight", [Embd, Embd]));
            tensors.Add(($"blk.{l}.attn_k.weight", [Embd, Embd]));
            tensors.Add(($"blk.{l}.attn_v.weight", [Embd, Embd]));
            tensors.Add(($"blk.{l}.attn_output.weight", [Embd, Embd]));
            tensors.Add(($"blk.{l}.ffn_norm.weight", [Embd]));
            tensors.Add(($"blk.{l}.ffn_gate.weight", [Embd, FeedForward]));
            tensors.Add(($"blk.{l}.ffn_up.weight", [Embd, FeedForward]));
            tensors.Add(($"blk.{l}.ffn_down.weight", [FeedForward, Embd]));
        }

        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write((ulong)tensors.Count);
        var kv = new List<Action>
        {
            () => { Key("general.architecture"); StrValue("llama"); },
            () => { Key("general.name"); StrValue("apimig-tiny-random"); },
            () => { Key("general.alignment"); w.Write(U32); w.Write((uint)Alignment); },
            () => { Key("llama.context_length"); w.Write(U32); w.Write((uint)ContextLength); },
            () => { Key("llama.embedding_length"); w.Write(U32); w.Write((uint)Embd); },
            () => { Key("llama.block_count"); w.Write(U32); w.Write((uint)Layers); },
            () => { Key("llama.feed_forward_length"); w.Write(U32); w.Write((uint)FeedForward); },
            () => { Key("llama.attention.head_count"); w.Write(U32); w.Write((uint)Heads); },
            () => { Key("llama.attention.head_count_kv"); w.Write(U32); w.Write((uint)Heads); },
            () => { Key("llama.rope.dimension_count"); w.Write(U32); w.Write((uint)(Embd / Heads)); },
            () => { Key("llama.attention.layer_norm_rms_epsilon"); w.Write(F32); w.Write(1e-5f); },
            () => { Key("tokenizer.ggml.model"); StrValue("llama"); },
            () => { Key("tokenizer.ggml.tokens"); w.Write(Arr); w.Write(Str); w.Write((ulong)vocab); foreach (var t in tokens) String(t); },
            () => { Key("tokenizer.ggml.scores"); w.Write(Arr); w.Write(F32); w.Write((ulong)vocab); for (int i = 0; i < vocab; i++) w.Write(0f); },
            () => { Key("tokenizer.ggml.token_type"); w.Write(Arr); w.Write(I32); w.Write((ulong)vocab); foreach (var t in types) w.Write(t); },
            () => { Key("tokenizer.ggml.unknown_token_id"); w.Write(U32); w.Write(0u); },
            () => { Key("tokenizer.ggml.bos_token_id"); w.Write(U32); w.Write(1u); },
            () => { Key("tokenizer.ggml.eos_token_id"); w.Write(U32); w.Write(2u); },
        };
        w.Write((ulong)kv.Count);
        foreach (var write in kv) write();

        // Tensor infos: name, dims, type (0 = F32), offset from the start of the (aligned) data section.
        ulong offset = 0;
        foreach (var (name, shape) in tensors)
        {
            String(name);
            w.Write((uint)shape.Length);
            foreach (var d in shape) w.Write(d);
            w.Write(0u);
            w.Write(offset);
            offset += Align(Count(shape) * 4);
        }
        Pad();
        foreach (var (name, shape) in tensors)
        {
            bool norm = name.EndsWith("norm.weight", StringComparison.Ordinal);
            for (ulong i = 0; i < Count(shape); i++) w.Write(norm ? 1f : (float)(rng.NextDouble() * 2 - 1) * 0.5f);
            Pad();
        }
        return path;

        void String(string s) { var bytes = Encoding.UTF8.GetBytes(s); w.Write((ulong)bytes.Length); w.Write(bytes); }
        void Key(string k) => String(k);
        void StrValue(string s) { w.Write(Str); String(s); }
        void Pad() { while (stream.Position % Alignment != 0) w.Write((byte)0); }
        static ulong Count(ulong[] shape) => shape.Aggregate(1UL, (a, b) => a * b);
        static ulong Align(ulong n) => (n + Alignment - 1) / Alignment * Alignment;
    }
}
