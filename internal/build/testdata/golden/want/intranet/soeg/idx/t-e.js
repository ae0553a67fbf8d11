window.labyrintSearch.load("t-e",{"egen":"DsB","enhed":"AmdAsaAtIAoN er"});
