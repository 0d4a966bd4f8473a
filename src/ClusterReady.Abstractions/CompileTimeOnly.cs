namespace ClusterReady;

/// <summary>
/// The ClusterReady attributes are read at compile time only: the generator and the analyzers read them from source,
/// the generator embeds the model they declare, and the compiler leaves the attributes themselves out of the app's
/// assembly (<c>[Conditional]</c> on a symbol no build defines). So the app holds no reference to
/// ClusterReady.Abstractions.dll, and the package puts it in <c>ref/</c> only: nothing of it in bin/, the publish folder
/// or the image.
/// </summary>
internal static class CompileTimeOnly
{
    /// <summary>
    /// Never defined by ClusterReady. A project that defines it keeps the attributes in its assembly, and must then put
    /// ClusterReady.Abstractions.dll beside the app itself before anything reads them by reflection.
    /// </summary>
    internal const string Symbol = "CLUSTERREADY_KEEP_ATTRIBUTES";
}
