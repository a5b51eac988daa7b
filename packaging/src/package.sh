#!/usr/bin/env bash
# Makes the app-image with jpackage, trains its start-up cache (a run that opens the app off screen, waits until
# Chat is ready and exits), and, for an installer type, wraps that app-image. Called by the packaging POM:
#   package.sh JAVA_HOME TYPE VERSION OS TARGET_DIR
set -euo pipefail
java_home="$1" type="$2" version="$3" os="$4" target="$5"
cd "$(dirname "$0")/.."
dist="$target/dist"

# The JVM options, from the one file ./jarvis and the benchmarks read too.
options_args="$target/jvm-options.args"
: >"$options_args"
while IFS= read -r option || [ -n "$option" ]; do
  case "$option" in ''|'#'*) ;; *) printf -- '--java-options "%s"\n' "$option" >>"$options_args" ;; esac
done <../app/src/main/jvm/jvm.options

"$java_home/bin/jpackage" @src/common.args @"$options_args" @"src/$os/$os.args" @"src/$os/app-image.args" \
  --type app-image --app-version "$version" --input "$target/input" --runtime-image "$target/runtime" \
  --resource-dir "src/$os" --dest "$dist"

case "$os" in
  macos) image="$dist/Jarvis.app"; launcher="$image/Contents/MacOS/Jarvis"; app_dir="$image/Contents/app" ;;
  *) image="$dist/Jarvis"; launcher="$image/bin/Jarvis"; app_dir="$image/lib/app" ;;
esac

# The cache belongs to this runtime and these jars (their sizes and times); it is made by the app-image's own launcher
# so that both match. The launcher's working folder is the app folder, so no path goes through JAVA_TOOL_OPTIONS.
training_home="$(mktemp -d)"
trap 'rm -rf "$training_home"' EXIT
(
  cd "$app_dir"
  JARVIS_HOME="$training_home" \
    JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=jarvis.aot -Djarvis.exitWhenReady=true -Dglass.platform=Headless -Dprism.order=sw" \
    "$launcher" >"$target/aot-training.log" 2>&1 &
  training=$!
  ( sleep 300 && kill "$training" 2>/dev/null ) &
  watchdog=$!
  status=0
  wait "$training" || status=$?
  pkill -P "$watchdog" 2>/dev/null || true
  kill "$watchdog" 2>/dev/null || true
  exit "$status"
) && trained=true || trained=false
if [ "$trained" = true ] && [ -f "$app_dir/jarvis.aot" ]; then
  # Under [JavaOptions], wherever that section is. A cache the JVM cannot use (another JDK, jars with other times) is
  # skipped without a word on the command line's output.
  # shellcheck disable=SC2016 # $APPDIR is the launcher's own variable, expanded when it starts.
  awk '{ print } /^\[JavaOptions\]/ { print "java-options=-XX:AOTCache=$APPDIR/jarvis.aot"; print "java-options=-Xlog:aot*=off,cds*=off" }' \
    "$app_dir/Jarvis.cfg" >"$app_dir/Jarvis.cfg.new" && mv "$app_dir/Jarvis.cfg.new" "$app_dir/Jarvis.cfg"
  echo "package: start-up cache trained ($(du -h "$app_dir/jarvis.aot" | cut -f1))"
else
  rm -f "$app_dir/jarvis.aot"
  echo "package: the start-up cache could not be made (see $target/aot-training.log); the app starts without it" >&2
fi
if [ "$os" = macos ] && command -v codesign >/dev/null; then
  # The image changed after jpackage signed it: sign it again (ad hoc; a release build signs with its identity).
  codesign --force --deep --sign - "$image"
fi

if [ "$type" != app-image ]; then
  # Installers copy the image; a copy that does not keep the files' times still uses the cache (checked with cp -r and
  # -XX:AOTMode=on; see docs/decisions/0015).
  "$java_home/bin/jpackage" --type "$type" --app-image "$image" --name Jarvis --app-version "$version" \
    --vendor Jarvis --description "A workshop assistant" @"src/$os/$type.args" --resource-dir "src/$os" --dest "$dist"
fi
