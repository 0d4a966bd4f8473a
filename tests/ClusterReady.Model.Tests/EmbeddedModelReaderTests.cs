using System.Reflection;
using System.Reflection.Emit;
using ClusterReady.Model.Contract;
using ClusterReady.Model.Tests;

[assembly: AssemblyMetadata("ClusterReady.Declaration", "{\"schemaVersion\":1}")]
[assembly: AssemblyMetadata("ClusterReady.Tests.Empty", null)]
[assembly: Decoy.AssemblyMetadata("ClusterReady.Tests.Decoy", "from a decoy")]
[assembly: Decoy.Tagged<string>("ClusterReady.Tests.Generic", "from a generic attribute")]

namespace ClusterReady.Model.Tests
{
    /// <summary>
    /// The build step reads the declaration from the app's assembly file alone: the <c>AssemblyMetadata</c> entry by its
    /// key, nothing for another key, an entry without a value or an attribute that only shares the name, and the
    /// documented exceptions for a file that is missing or not an assembly. This test assembly carries the entries.
    /// </summary>
    public sealed class EmbeddedModelReaderTests
    {
        private static readonly string ThisAssembly = typeof(EmbeddedModelReaderTests).Assembly.Location;

        [Fact]
        public void The_declaration_is_the_value_of_its_assembly_metadata_entry() =>
            Assert.Equal("{\"schemaVersion\":1}", EmbeddedModelReader.ReadJson(ThisAssembly));

        [Theory]
        [InlineData("ClusterReady.Missing")]
        [InlineData("ClusterReady.Tests.Empty")]
        [InlineData("ClusterReady.Tests.Decoy")]
        [InlineData("ClusterReady.Tests.Generic")]
        [InlineData("clusterready.declaration")]
        public void Another_key_an_entry_without_a_value_a_namesake_or_a_generic_attribute_reads_as_none(string key) =>
            Assert.Null(EmbeddedModelReader.ReadMetadata(ThisAssembly, key));

        // An app's assembly refers to an attribute of another assembly by a type reference, not a definition as here: an
        // assembly written for the test carries the entry through System.Reflection's attribute or a namesake of another
        // namespace (Decoy's, referenced from this assembly).
        [Theory]
        [InlineData(typeof(AssemblyMetadataAttribute), "{\"schemaVersion\":1}")]
        [InlineData(typeof(Decoy.AssemblyMetadataAttribute), null)]
        public void Only_System_Reflections_attribute_of_another_assembly_carries_the_declaration(Type attribute, string? expected)
        {
            var folder = Directory.CreateTempSubdirectory("clusterready-");
            try
            {
                var app = new PersistedAssemblyBuilder(new AssemblyName("App"), typeof(object).Assembly);
                app.DefineDynamicModule("App");
                var constructor = attribute.GetConstructor([typeof(string), typeof(string)])!;
                app.SetCustomAttribute(new CustomAttributeBuilder(constructor, [DeclarationJson.MetadataKey, "{\"schemaVersion\":1}"]));
                var path = Path.Combine(folder.FullName, "App.dll");
                app.Save(path);

                Assert.Equal(expected, EmbeddedModelReader.ReadJson(path));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        [Fact]
        public void A_missing_file_and_a_file_that_is_not_an_assembly_throw_what_the_reader_documents()
        {
            var folder = Directory.CreateTempSubdirectory("clusterready-");
            try
            {
                Assert.Throws<FileNotFoundException>(() => EmbeddedModelReader.ReadJson(Path.Combine(folder.FullName, "App.dll")));

                var text = Path.Combine(folder.FullName, "App.txt");
                File.WriteAllText(text, "not an assembly, but long enough to be read as headers: " + new string('x', 512));
                Assert.Throws<BadImageFormatException>(() => EmbeddedModelReader.ReadJson(text));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }
}

namespace Decoy
{
    /// <summary>An attribute that shares the name of System.Reflection's, in another namespace.</summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    public sealed class AssemblyMetadataAttribute(string key, string value) : Attribute
    {
        public string Key { get; } = key;

        public string Value { get; } = value;
    }

    /// <summary>A generic attribute: its constructor's parent is a type specification, not a type reference.</summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    public sealed class TaggedAttribute<T>(string key, string value) : Attribute
    {
        public string Key { get; } = key;

        public string Value { get; } = value;
    }
}
