// NUnit everywhere in this project; the other namespaces are imported file by file.
global using NUnit.Framework;
