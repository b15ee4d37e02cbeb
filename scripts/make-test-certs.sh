#!/usr/bin/env bash
# make-test-certs.sh: writes the TLS test fixtures under tests/data/tls/: a self-signed test CA
# and a server certificate it signed for localhost and 127.0.0.1 (both valid for 100 years).
# Run by hand when they need replacing; the tests use the committed files. Nothing here is a
# secret: the keys exist only to test certificate verification.
set -euo pipefail
out=$(cd "$(dirname "$0")/.." && pwd)/tests/data/tls
mkdir -p "$out"
cd "$out"
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days "$days" \
  -subj "/CN=qa test CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr \
  -subj "/CN=localhost" 2>/dev/null
cat > server.ext <<'EXT'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
EXT
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem \
  -days "$days" -extfile server.ext 2>/dev/null
rm -f server.csr server.ext ca.srl ca.key
echo "wrote $out/{ca.pem,server.pem,server.key}"
