window.labyrintSearch.load("t-t",{"tekst":"Itb en","test":"A5F","tror":"E7H"});
