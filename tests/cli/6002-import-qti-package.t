# A QTI 2.1 content package is a folder with imsmanifest.xml; the item's
# identifier is the question id and modal feedback the explanation.
%% args
import data/import/qti-package -o $T/out.xml --bank-id spi --title "SPI drill" --exam PMP
%% check
sed "s|$T/|T/|g" "$T/stderr" > "$T/got"
cat > "$T/want" <<'EOF'
data/import/qti-package/items/evm-spi-01.xml:3: warning: question 'evm-spi-01': 2 modal feedbacks merged into one explanation (pmdrill shows it after every answer)
pmdrill: 1 question imported, 0 skipped, into T/out.xml
pmdrill: T/out.xml: 0 errors, 4 warnings
EOF
diff -u "$T/want" "$T/got"
grep -q '<bank id="spi" format="1" exam="PMP" title="SPI drill">' "$T/out.xml"
grep -q '<choice id="B" correct="true">0.8</choice>' "$T/out.xml"
