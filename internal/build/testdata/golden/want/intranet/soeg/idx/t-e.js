window.labyrintSearch.load("t-e",{"egen":"Dub","enhed":"AlRAsBAsOAnd er"});
