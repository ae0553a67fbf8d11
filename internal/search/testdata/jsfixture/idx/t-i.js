window.labyrintSearch.load("t-i",{"indgang":"FsA en","indkøb":"LtU","indsat":"CwZQ2e s","inspiration":"Awa"});
