using ApiMigrator.Python;

namespace ApiMigrator.Versions;

/// <summary>
/// Whether an expression is evaluated when the module runs, for syntax whose runtime support came later
/// than its parser support (PEP 604's <c>X | None</c>, PEP 585's <c>list[int]</c>). An annotation is
/// <em>not</em> evaluated when it annotates a local variable (never, PEP 526), or under
/// <c>from __future__ import annotations</c> (PEP 563) — except in the body of a class that a framework
/// reads the annotations of (dataclasses, NamedTuple, TypedDict, pydantic and attrs models: any decorated
/// class or class with a base beyond <c>object</c>/<c>Protocol</c>/<c>Generic</c>/<c>ABC</c>, conservatively) and on
/// functions with a decorator other than the plain method ones (FastAPI, <c>validate_call</c>,
/// <c>singledispatch</c> read annotations at runtime). Everything that is not an annotation is evaluated.
/// </summary>
internal static class AnnotationContext
{
    private static readonly HashSet<string> PlainDecorators = new(StringComparer.Ordinal)
    {
        "property", "staticmethod", "classmethod", "abstractmethod", "abc.abstractmethod", "override", "typing.override",
        "overload", "typing.overload", "final", "typing.final", "functools.cache", "functools.lru_cache", "cache", "lru_cache",
        "functools.wraps", "wraps", "contextmanager", "contextlib.contextmanager", "asynccontextmanager", "contextlib.asynccontextmanager",
    };

    private static readonly HashSet<string> PlainBases = new(StringComparer.Ordinal)
    {
        "object", "ABC", "abc.ABC", "Protocol", "typing.Protocol", "typing_extensions.Protocol", "Generic", "typing.Generic",
        "Exception", "BaseException", "ValueError", "TypeError", "RuntimeError", "KeyError",
    };

    /// <summary>True when <paramref name="node"/> is evaluated at runtime (see the type's remarks).</summary>
    public static bool IsEvaluated(SyntaxNode node, ModuleScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (kind, owner) = AnnotationOf(node);
        if (kind == Annotation.None) return true;
        var enclosing = Enclosing(owner);
        // PEP 526: annotations in a function body are never evaluated.
        if (kind == Annotation.Variable && enclosing is { Kind: "function_definition" }) return false;
        if (!HasFutureAnnotations(scope)) return true;
        return kind switch
        {
            Annotation.Variable => enclosing is { Kind: "class_definition" } cls && ReadsAnnotations(cls, scope),
            _ => owner is { } fn && HasRuntimeDecorator(fn, scope),
        };
    }

    private enum Annotation { None, Variable, Signature }

    /// <summary>The annotation <paramref name="node"/> is part of, and its owner: the annotated assignment, or the function of a parameter or return annotation.</summary>
    private static (Annotation Kind, SyntaxNode? Owner) AnnotationOf(SyntaxNode node)
    {
        var child = node;
        while (child.Parent is { } parent)
        {
            var field = child.FieldName;
            switch (parent.Kind)
            {
                case "typed_parameter" or "typed_default_parameter" when field == "type":
                    return (Annotation.Signature, parent.Ancestors().FirstOrNull(a => a.Kind == "function_definition"));
                case "function_definition" when field == "return_type":
                    return (Annotation.Signature, parent);
                case "assignment" when field == "type":
                    return (Annotation.Variable, parent);
                case "block" or "module" or "function_definition" or "class_definition" or "lambda":
                    return (Annotation.None, null);
            }
            child = parent;
        }
        return (Annotation.None, null);
    }

    /// <summary>The function or class whose body holds <paramref name="node"/> (a signature annotation: the function's own scope's owner).</summary>
    private static SyntaxNode? Enclosing(SyntaxNode? node)
        => node?.Ancestors().FirstOrNull(a => a.Kind is "function_definition" or "class_definition" or "lambda");

    private static bool HasFutureAnnotations(ModuleScope scope)
        => scope.Imports.Any(b => b.Form == ImportForm.Future && b.QualifiedName == "__future__.annotations");

    private static IEnumerable<SyntaxNode> Decorators(SyntaxNode definition)
        => definition.Parent is { Kind: "decorated_definition" } d ? d.NamedChildren.Where(c => c.Kind == "decorator") : [];

    private static string NameOf(SyntaxNode expr, ModuleScope scope)
    {
        if (expr.Kind == "call" && expr.ChildByField("function") is { } f) expr = f;
        if (expr.Kind is "subscript" or "generic_type" && expr.NamedChildren.FirstOrDefault() is { } v) expr = v;
        return scope.Resolve(expr) is { Kind: ResolutionKind.Imported, QualifiedName: { } q } ? q : expr.Text;
    }

    private static bool HasRuntimeDecorator(SyntaxNode function, ModuleScope scope)
        => function.Kind == "function_definition" && Decorators(function).Any(d =>
        {
            var expr = d.NamedChildren.FirstOrDefault(c => c.Kind != "comment");
            if (expr.Tree is null) return false;
            var name = NameOf(expr, scope);
            // `@x.setter` and friends are property plumbing.
            return !PlainDecorators.Contains(name) && !name.EndsWith(".setter", StringComparison.Ordinal)
                && !name.EndsWith(".getter", StringComparison.Ordinal) && !name.EndsWith(".deleter", StringComparison.Ordinal);
        });

    private static bool ReadsAnnotations(SyntaxNode cls, ModuleScope scope)
    {
        if (Decorators(cls).Any()) return true;
        if (cls.ChildByField("superclasses") is not { } bases) return false;
        foreach (var b in bases.NamedChildren)
        {
            if (b.Kind == "comment") continue;
            if (b.Kind == "keyword_argument") return true; // metaclass=…, total=False (TypedDict)
            if (!PlainBases.Contains(NameOf(b, scope))) return true;
        }
        return false;
    }
}
