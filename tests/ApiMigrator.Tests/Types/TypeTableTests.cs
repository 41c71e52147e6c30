using ApiMigrator.Types;

namespace ApiMigrator.Tests.Types;

public class TypeTableTests
{
    [Fact]
    public void The_shipped_table_describes_every_library_the_rules_cover()
    {
        var libs = TypeTable.Shipped.Libraries;
        foreach (var lib in new[] { "pandas", "numpy", "matplotlib", "sklearn", "sqlalchemy", "pydantic", "tensorflow", "stdlib", "builtins" })
            Assert.Contains(lib, libs);
    }

    [Fact]
    public void Index_append_exists_and_returns_an_index_while_HDFStore_append_writes()
    {
        var t = TypeTable.Shipped;
        Assert.Equal("$self", t.Class("pandas.Index")!.Methods["append"]);
        Assert.Equal("builtins.NoneType", t.Class("pandas.HDFStore")!.Methods["append"]);
    }

    [Fact]
    public void A_member_is_declared_by_its_most_general_class()
    {
        Assert.Equal("pandas.core.base.IndexOpsMixin", TypeTable.Shipped.DeclaringClass("pandas.Series", "is_monotonic"));
        Assert.Equal("pandas.DataFrame", TypeTable.Shipped.DeclaringClass("pandas.DataFrame", "append"));
    }

    [Fact]
    public void A_malformed_table_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => TypeTable.Parse("classes: [unclosed"));
    }

    [Theory]
    [InlineData("pandas.core.frame.DataFrame", "pandas")]
    [InlineData("type[pydantic.BaseModel]", "pydantic")]
    [InlineData("pydantic.v1.BaseModel", "pydantic.v1")]
    [InlineData("pandas.*", "pandas")]
    [InlineData("builtins.list", null)]
    [InlineData("local.Log", null)]
    public void A_type_belongs_to_its_package(string name, string? expected)
    {
        Assert.Equal(expected, TypeNames.Package(name));
    }

    [Theory]
    [InlineData("tuple[a.B, c.D | e.F]", "tuple", 2)]
    [InlineData("builtins.list[pandas.DataFrame]", "builtins.list", 1)]
    [InlineData("pandas.DataFrame", "pandas.DataFrame", 0)]
    public void Generic_type_names_split_into_base_and_arguments(string name, string expectedBase, int arguments)
    {
        Assert.Equal(expectedBase, TypeNames.Base(name));
        Assert.Equal(arguments, TypeNames.Arguments(name).Count);
    }
}
