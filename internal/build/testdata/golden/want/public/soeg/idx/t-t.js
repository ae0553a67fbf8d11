window.labyrintSearch.load("t-t",{"test":"A4f","tror":"E7F"});
