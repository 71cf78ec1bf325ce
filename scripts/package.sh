#!/usr/bin/env bash
# Builds the Debian package: ./scripts/package.sh [OUTPUT_DIRECTORY]  (default: dist/)
# Prints the path of anna_<version>_amd64.deb on its last line.
#
# The daemon is published self-contained (the target needs no .NET) and ReadyToRun (compiled ahead, with
# the runtime and libraries as one composite image, so start-up does not wait on the JIT) into
# /usr/lib/anna; annactl, which a person or a script starts again and again, is published as a native program (Native AOT: no runtime to start; needs
# clang and zlib1g-dev to build). The package's files and maintainer scripts are in deploy/debian.
# Needs the .NET SDK, dpkg-deb, fakeroot and strip.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=$(realpath -m "${1:-dist}")

version=$(dotnet msbuild Anna.Server/Anna.Server.csproj -getProperty:Version)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/anna_${version}_amd64"

publish() {
  dotnet publish "$1" -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true \
    -p:DebugType=none -p:GenerateDocumentationFile=false -o "$root/usr/lib/anna" --nologo -v quiet
}
publish Anna.Server/Anna.Server.csproj
dotnet publish Anna.Cli/Anna.Cli.csproj -c Release -r linux-x64 -p:PublishAot=true -p:StripSymbols=true \
  -p:GenerateDocumentationFile=false -o "$stage/annactl" --nologo -v quiet
install -m 0755 "$stage/annactl/annactl" "$root/usr/lib/anna/annactl"
# SQLite's native library comes with its symbols; Debian ships shared objects without them.
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/lib/anna/libe_sqlite3.so"

install -d -m 0755 "$root/DEBIAN" "$root/usr/bin" "$root/lib/systemd/system" "$root/usr/lib/systemd/user" \
  "$root/etc/anna" "$root/usr/share/doc/anna" "$root/usr/share/man/man1" "$root/usr/share/lintian/overrides"
ln -s ../lib/anna/annactl "$root/usr/bin/annactl"
install -m 0644 deploy/anna.service "$root/lib/systemd/system/anna.service"
install -m 0644 deploy/anna-notify.service "$root/usr/lib/systemd/user/anna-notify.service"
install -m 0644 deploy/healing.toml "$root/etc/anna/healing.toml"

doc="$root/usr/share/doc/anna"
install -m 0644 deploy/debian/copyright "$doc/copyright"
install -m 0644 README.md "$doc/README.md"
gzip -9n < deploy/debian/changelog > "$doc/changelog.gz"
cp -r docs "$doc/docs"
rm -rf "$doc/docs/images"
cp -r deploy/grafana deploy/prometheus "$doc/"
# The manual page is annactl's own --help, so the two cannot disagree.
{
  printf '.TH ANNACTL 1 "" "anna %s" "User Commands"\n.SH NAME\nannactl \\- command line of Anna, the self-healing assistant\n' "$version"
  printf '.SH SYNOPSIS\n.B annactl\n[\\-o json] [\\-\\-socket PATH] COMMAND [options]\n.SH DESCRIPTION\n.nf\n'
  "$root/usr/lib/anna/annactl" --help | tail -n +3 | sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\&'/"
  printf '.fi\n.SH SEE ALSO\n/usr/share/doc/anna/README.md, /usr/share/doc/anna/docs\n'
} | gzip -9n > "$root/usr/share/man/man1/annactl.1.gz"
install -m 0644 deploy/debian/lintian-overrides "$root/usr/share/lintian/overrides/anna"

# Files are root's and readable by all; nothing the build left group-writable.
find "$root" -type d -exec chmod 0755 {} +
find "$root/usr/share" "$root/etc" -type f -exec chmod 0644 {} +
find "$root/usr/lib/anna" -type f -exec chmod 0644 {} +
chmod 0755 "$root/usr/lib/anna/anna" "$root/usr/lib/anna/annactl"

for script in postinst prerm postrm; do
  install -m 0755 "deploy/debian/$script" "$root/DEBIAN/$script"
done
install -m 0644 deploy/debian/conffiles "$root/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" deploy/debian/control > "$root/DEBIAN/control"

mkdir -p "$out"
deb="$out/anna_${version}_amd64.deb"
fakeroot dpkg-deb --build -Zxz -z6 "$root" "$deb" > /dev/null
cd "$repo"
echo "$deb"
