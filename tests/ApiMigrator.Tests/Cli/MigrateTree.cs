using System.Text;
using ApiMigrator.Tests.Notebooks;

namespace ApiMigrator.Tests.Cli;

/// <summary>
/// A small repository on disk with everything `apimig migrate` meets in the wild: nested packages, a
/// notebook, a non-UTF-8 file, a syntax error, CRLF and BOM files, look-alikes that must not change,
/// a .gitignore'd folder and file, and two virtual environments.
/// </summary>
internal sealed class MigrateTree
{
    public const string Numbers = "import numpy as np\n\na = np.float_(1)\nb = np.NaN  # apimig: ignore\nc = [1, 2]\nc.append(3)\n";
    public const string NumbersAfter = "import numpy as np\n\na = np.float64(1)\nb = np.NaN  # apimig: ignore\nc = [1, 2]\nc.append(3)\n";
    public const string Windows = "import numpy as np\r\nz = np.Inf\r\n# trailing comment\r\n";
    public const string WindowsAfter = "import numpy as np\r\nz = np.inf\r\n# trailing comment\r\n";
    public const string Bom = "import numpy\nv = numpy.alltrue([True])\n";
    public const string BomAfter = "import numpy\nv = numpy.all([True])\n";

    public static readonly string Notebook = Nb.Json(
        Nb.Code("import numpy as np\n%matplotlib inline"),
        Nb.Markdown("We use `np.float_` below.\n"),
        Nb.Code("x = np.float_(1)\n!ls\nprint(x)"),
        Nb.Code("%%timeit\nnp.float_(1)"),
        Nb.Code("y = np.NaN"));

    public static readonly string NotebookAfter = Notebook
        .Replace("\"x = np.float_(1)\\n\"", "\"x = np.float64(1)\\n\"", StringComparison.Ordinal)
        .Replace("\"y = np.NaN\"", "\"y = np.nan\"", StringComparison.Ordinal);

    /// <summary>The files a migration changes, relative to the root.</summary>
    public static readonly string[] ChangedFiles = ["app/core/bom.py", "app/core/numbers.py", "app/core/windows.py", "notebooks/analysis.ipynb"];

    private MigrateTree(string root) => Root = root;

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public static MigrateTree Create()
    {
        var root = TempTree.Folder();
        TempTree.Write(root, ".gitignore", "generated/\n*.tmp.py\n");
        TempTree.Write(root, "app/__init__.py", "");
        TempTree.Write(root, "app/core/__init__.py", "from .numbers import a\n");
        var numbers = TempTree.Write(root, "app/core/numbers.py", Numbers);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(numbers, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        TempTree.Write(root, "app/core/windows.py", Windows);
        TempTree.WriteBytes(root, "app/core/bom.py", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Bom)]);
        TempTree.Write(root, "app/util/plain.py", "import os\nprint(os.getcwd())\n");
        TempTree.Write(root, "app/util/lookalike.py", "items = []\nitems.append(1)\nfloat_ = 2\ntext = 'np.float_'  # np.float_ in a comment\n");
        TempTree.WriteBytes(root, "app/legacy_latin1.py", [.. "# -*- coding: latin-1 -*-\n# caf"u8, 0xE9, .. "\nimport numpy as np\nx = np.float_\n"u8]);
        TempTree.Write(root, "app/broken.py", "import numpy as np\nx = np.float_(\n");
        TempTree.Write(root, "notebooks/analysis.ipynb", Notebook);
        TempTree.Write(root, "generated/gen.py", "import numpy as np\nx = np.float_\n");
        TempTree.Write(root, "app/scratch.tmp.py", "import numpy as np\nx = np.float_\n");
        TempTree.Write(root, ".venv/lib/python3.12/site-packages/pkg.py", "import numpy as np\nx = np.float_\n");
        TempTree.Write(root, "envs/py312/pyvenv.cfg", "home = /usr/bin\n");
        TempTree.Write(root, "envs/py312/lib/mod.py", "import numpy as np\nx = np.float_\n");
        return new MigrateTree(root);
    }
}
