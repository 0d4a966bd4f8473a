using ClusterReady.Model.Declaration;

namespace ClusterReady.Model.Tests;

/// <summary>
/// A declaration is a value: equal exactly when its type name, app facts and attributes are (so the generator's steps
/// stay cached after an unrelated edit, and change when any of them changes).
/// </summary>
public sealed class ServiceDeclarationTests
{
    [Fact]
    public void Declarations_are_equal_exactly_when_type_app_and_attributes_are()
    {
        var declaration = Declarations.Service(("Resources", [("MemoryLimit", "512Mi")]));
        var same = Declarations.Service(("Resources", [("MemoryLimit", "512Mi")]));

        Assert.Equal(declaration, same);
        Assert.Equal(declaration.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(declaration, declaration with { TypeName = "StatefulSet" });
        Assert.NotEqual(declaration, declaration.WithApp(declaration.App with { IsWebApp = true }));
        Assert.NotEqual(declaration, Declarations.Service(("Resources", [("MemoryLimit", "1Gi")])));
        Assert.False(declaration.Equals(null));
    }
}
