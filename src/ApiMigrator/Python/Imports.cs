namespace ApiMigrator.Python;

/// <summary>The syntactic form of an import, kept so a new import can be written in the file's style.</summary>
public enum ImportForm
{
    /// <summary><c>import a.b</c> (binds <c>a</c>).</summary>
    Import,
    /// <summary><c>import a.b as c</c>.</summary>
    ImportAs,
    /// <summary><c>from a import b</c>.</summary>
    From,
    /// <summary><c>from a import b as c</c>.</summary>
    FromAs,
    /// <summary><c>from a import *</c>: binds unknown names.</summary>
    Star,
    /// <summary><c>from __future__ import x</c>.</summary>
    Future,
}

/// <summary>
/// One name bound by an import. <see cref="QualifiedName"/> is what the local name stands for:
/// <c>import numpy as np</c> → np = numpy; <c>from numpy import float_ as f</c> → f = numpy.float_;
/// <c>import os.path</c> → os = os (and <see cref="Module"/> = os.path). Relative imports keep their
/// leading dots (<c>from ..m import x</c> → ..m.x): they never equal a library's name.
/// </summary>
public sealed record ImportBinding(
    string LocalName,
    string QualifiedName,
    string Module,
    ImportForm Form,
    SyntaxNode Statement,
    SyntaxNode NameNode,
    bool IsConditional)
{
    /// <summary>True for <c>from .x import y</c> style imports.</summary>
    public bool IsRelative => Module.StartsWith('.');
}

/// <summary>How a name or dotted expression resolved.</summary>
public enum ResolutionKind
{
    /// <summary>Resolved through imports to a qualified name.</summary>
    Imported,
    /// <summary>Bound locally to something that is not an import (a parameter, an assignment, a def) — definitely not the library.</summary>
    Local,
    /// <summary>A builtin name with no binding in the module.</summary>
    Builtin,
    /// <summary>No binding in sight (e.g. a snippet that uses <c>np</c> without importing it).</summary>
    Unbound,
    /// <summary>Cannot tell: a star import could bind it, or two bindings disagree. Never guess.</summary>
    Unknown,
    /// <summary>Not a name at all (a call result, a subscript, a literal …).</summary>
    NotAName,
}

/// <summary>The result of resolving a reference: the kind, the qualified name when imported, and why.</summary>
public sealed record Resolution(ResolutionKind Kind, string? QualifiedName, ImportBinding? Import, string? Reason)
{
    /// <summary>Shortcut for not-a-name.</summary>
    public static readonly Resolution NotName = new(ResolutionKind.NotAName, null, null, null);

    /// <summary>For Unbound names: the dotted text as written (<c>np.float_</c>), so callers can apply conventional-alias evidence.</summary>
    public string? DottedText { get; init; }
}
