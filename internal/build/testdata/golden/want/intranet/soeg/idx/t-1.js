window.labyrintSearch.load("t-1",{"1":"Fra","1234":"CqVAmR"});
