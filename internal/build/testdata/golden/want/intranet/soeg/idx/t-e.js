window.labyrintSearch.load("t-e",{"egen":"Dte","enhed":"AmVAsBAsOAnd er"});
