# A zipped QTI package is refused with what to do instead.
%% args
import data/import/hostile/package.zip -o $T/out.xml
%% stderr
data/import/hostile/package.zip: error: zip packages are not supported; unzip it and import the folder that holds imsmanifest.xml
pmdrill: no question could be imported
%% exit
3
