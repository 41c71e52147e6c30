namespace ApiMigrator.Python;

// The one walk that builds a module's scopes and bindings.
public sealed partial class ModuleScope
{
    /// <summary>Walks the tree once, opening scopes and recording bindings.</summary>
    private sealed class Builder(ModuleScope owner)
    {
        public void Visit(SyntaxNode n, Scope scope)
        {
            switch (n.Kind)
            {
                case "import_statement": Import(n, scope); return;
                case "import_from_statement": FromImport(n, scope); return;
                case "future_import_statement": Future(n, scope); return;
                case "function_definition": Function(n, scope); return;
                case "lambda": Lambda(n, scope); return;
                case "class_definition": Class(n, scope); return;
                case "list_comprehension" or "set_comprehension" or "dictionary_comprehension" or "generator_expression":
                    Comprehension(n, scope); return;
                case "global_statement":
                    foreach (var id in n.NamedChildren) scope.Globals.Add(id.Text);
                    return;
                case "nonlocal_statement":
                    foreach (var id in n.NamedChildren) scope.Nonlocals.Add(id.Text);
                    return;
                case "assignment" or "augmented_assignment":
                    if (n.ChildByField("left") is { } left) Target(left, scope);
                    break;
                case "for_statement" or "for_in_clause":
                    if (n.ChildByField("left") is { } ft) Target(ft, scope);
                    break;
                case "as_pattern":
                    if (n.ChildByField("alias") is { } alias) Target(alias, scope);
                    break;
                case "named_expression":
                    if (n.ChildByField("name") is { } wn) Bind(wn, WalrusScope(scope), BindingKind.Assignment);
                    break;
                case "delete_statement":
                    foreach (var c in n.NamedChildren) Target(c, scope);
                    break;
                case "case_pattern":
                    foreach (var c in n.NamedChildren) if (c.Kind == "identifier") Bind(c, scope, BindingKind.Assignment);
                    break;
                case "type_alias_statement":
                    if (n.ChildByField("left") is { } tl) foreach (var id in tl.NamedChildren) if (id.Kind == "identifier") Bind(id, scope, BindingKind.Assignment);
                    break;
            }
            foreach (var c in n.Children) Visit(c, scope);
        }

        private static Scope WalrusScope(Scope s)
        {
            while (s.Kind == ScopeKind.Comprehension && s.Parent is not null) s = s.Parent;
            return s;
        }

        private void Bind(SyntaxNode id, Scope scope, BindingKind kind, ImportBinding? import = null, string? name = null)
        {
            // `global x` / `nonlocal x` make later bindings of x land in the module / enclosing function.
            name ??= id.Text;
            if (scope.Globals.Contains(name)) scope = owner.Module;
            else if (scope.Nonlocals.Contains(name))
            {
                for (var p = scope.Parent; p is not null; p = p.Parent)
                    if (p.Kind == ScopeKind.Function && p.Lookup(name).Count > 0) { scope = p; break; }
            }
            scope.Add(new Binding(name, kind, id, import));
        }

        private void Target(SyntaxNode t, Scope scope)
        {
            switch (t.Kind)
            {
                case "identifier": Bind(t, scope, BindingKind.Assignment); break;
                case "pattern_list" or "tuple_pattern" or "list_pattern" or "tuple" or "list" or "parenthesized_expression"
                    or "list_splat_pattern" or "list_splat" or "as_pattern_target" or "expression_list":
                    foreach (var c in t.NamedChildren) Target(c, scope);
                    break;
                // attribute / subscript targets bind nothing.
            }
        }

        private Scope Open(ScopeKind kind, SyntaxNode n, Scope parent)
        {
            var s = new Scope(kind, n, parent);
            owner.scopeByNode[n.Index] = s;
            return s;
        }

        private void Function(SyntaxNode n, Scope scope)
        {
            if (n.ChildByField("name") is { } name) Bind(name, scope, BindingKind.Definition);
            var inner = Open(ScopeKind.Function, n, scope);
            foreach (var c in n.Children)
            {
                if (c.FieldName == "parameters") Parameters(c, inner, scope);
                else if (c.FieldName == "body") Visit(c, inner);
                else if (c.FieldName != "name") Visit(c, scope);
            }
        }

        private void Lambda(SyntaxNode n, Scope scope)
        {
            var inner = Open(ScopeKind.Lambda, n, scope);
            foreach (var c in n.Children)
            {
                if (c.FieldName == "parameters") Parameters(c, inner, scope);
                else Visit(c, inner);
            }
        }

        private void Parameters(SyntaxNode ps, Scope inner, Scope outer)
        {
            foreach (var p in ps.NamedChildren)
            {
                switch (p.Kind)
                {
                    case "identifier": Bind(p, inner, BindingKind.Parameter); break;
                    case "default_parameter" or "typed_default_parameter" or "typed_parameter":
                        var name = p.ChildByField("name") ?? p.NamedChildren.FirstOrNull(c => c.Kind == "identifier");
                        if (name is { Kind: "identifier" } id) Bind(id, inner, BindingKind.Parameter);
                        else if (name is { } splat) foreach (var s in splat.NamedChildren) if (s.Kind == "identifier") Bind(s, inner, BindingKind.Parameter);
                        foreach (var c in p.Children) if (c.FieldName is "value" or "type") Visit(c, outer);
                        break;
                    case "list_splat_pattern" or "dictionary_splat_pattern":
                        foreach (var s in p.NamedChildren) if (s.Kind == "identifier") Bind(s, inner, BindingKind.Parameter);
                        break;
                    case "tuple_pattern":
                        Target(p, inner);
                        break;
                }
            }
        }

        private void Class(SyntaxNode n, Scope scope)
        {
            if (n.ChildByField("name") is { } name) Bind(name, scope, BindingKind.Definition);
            var inner = Open(ScopeKind.Class, n, scope);
            foreach (var c in n.Children)
            {
                if (c.FieldName == "body") Visit(c, inner);
                else if (c.FieldName != "name") Visit(c, scope);
            }
        }

        private void Comprehension(SyntaxNode n, Scope scope)
        {
            var inner = Open(ScopeKind.Comprehension, n, scope);
            bool first = true;
            foreach (var c in n.Children)
            {
                if (c.Kind == "for_in_clause" && first)
                {
                    first = false;
                    // The first iterable is evaluated in the enclosing scope.
                    foreach (var fc in c.Children)
                    {
                        if (fc.FieldName == "right") Visit(fc, scope);
                        else if (fc.FieldName == "left") Target(fc, inner);
                        else Visit(fc, inner);
                    }
                }
                else Visit(c, inner);
            }
        }

        private static bool IsConditional(SyntaxNode stmt)
        {
            for (var p = stmt.Parent; p is { } a; p = a.Parent)
            {
                if (a.Kind is "module" or "function_definition" or "class_definition") return false;
                if (a.Kind is "try_statement" or "if_statement" or "except_clause" or "else_clause" or "elif_clause"
                    or "with_statement" or "for_statement" or "while_statement" or "finally_clause" or "match_statement")
                    return true;
            }
            return false;
        }

        private void Add(Scope scope, SyntaxNode stmt, SyntaxNode nameNode, string local, string qualified, string module, ImportForm form)
        {
            var b = new ImportBinding(local, qualified, module, form, stmt, nameNode, IsConditional(stmt));
            owner.imports.Add(b);
            if (form != ImportForm.Star) Bind(nameNode.Kind == "aliased_import" ? nameNode.ChildByField("alias") ?? nameNode : nameNode, scope, BindingKind.Import, b, local);
        }

        private void Import(SyntaxNode n, Scope scope)
        {
            foreach (var c in n.ChildrenByField("name"))
            {
                if (c.Kind == "aliased_import")
                {
                    var module = DottedText(c.ChildByField("name"));
                    var alias = c.ChildByField("alias")?.Text ?? module;
                    Add(scope, n, c, alias, module, module, ImportForm.ImportAs);
                }
                else
                {
                    var module = DottedText(c);
                    var top = module.Split('.')[0];
                    Add(scope, n, c, top, top, module, ImportForm.Import);
                }
            }
        }

        private void FromImport(SyntaxNode n, Scope scope)
        {
            var moduleNode = n.ChildByField("module_name");
            var module = moduleNode is { Kind: "relative_import" } rel
                ? string.Concat(rel.Children.Select(c => c.Kind == "import_prefix" ? c.Text : DottedText(c)))
                : DottedText(moduleNode);
            string Join(string name) => module.EndsWith('.') ? module + name : module + "." + name;
            foreach (var c in n.Children)
            {
                if (c.Kind == "wildcard_import") { Add(scope, n, c, "*", module + ".*", module, ImportForm.Star); continue; }
                if (c.FieldName != "name") continue;
                if (c.Kind == "aliased_import")
                {
                    var name = DottedText(c.ChildByField("name"));
                    Add(scope, n, c, c.ChildByField("alias")?.Text ?? name, Join(name), module, ImportForm.FromAs);
                }
                else
                {
                    var name = DottedText(c);
                    Add(scope, n, c, name, Join(name), module, ImportForm.From);
                }
            }
        }

        private void Future(SyntaxNode n, Scope scope)
        {
            foreach (var c in n.ChildrenByField("name"))
            {
                var name = c.Kind == "aliased_import" ? DottedText(c.ChildByField("name")) : DottedText(c);
                owner.imports.Add(new ImportBinding(name, "__future__." + name, "__future__", ImportForm.Future, n, c, false));
            }
        }

        private static string DottedText(SyntaxNode? n)
            => n is null ? "" : string.Join('.', n.Value.NamedChildren.Where(c => c.Kind == "identifier").Select(c => c.Text)) is { Length: > 0 } s ? s : n.Value.Text;
    }
}
